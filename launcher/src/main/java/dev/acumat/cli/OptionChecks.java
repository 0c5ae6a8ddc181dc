package dev.acumat.cli;

import dev.acumat.protocol.WireFormat;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks several commands make of an option, each worded once. */
final class OptionChecks {
    /** The highest frame rate a recording or a simulated mat may have, Hz. */
    static final double MAX_HZ = 10_000;

    private OptionChecks() {
    }

    /**
     * Checks a mat id as the protocol has them.
     *
     * @throws IllegalArgumentException naming {@code --mat-id}
     */
    static String matId(String id) {
        if (!WireFormat.isValidMatId(id)) {
            throw new IllegalArgumentException("--mat-id must be 1..64 of A-Z a-z 0-9 . _ : -, got '" + id + "'");
        }
        return id;
    }

    /**
     * Checks a frame rate.
     *
     * @throws IllegalArgumentException naming {@code --hz}
     */
    static double hz(double hz) {
        if (!(hz > 0) || hz > MAX_HZ) {
            throw new IllegalArgumentException("--hz must be in (0, " + (long) MAX_HZ + "], got " + hz);
        }
        return hz;
    }

    /**
     * What is wrong with a file a command is to read, null when it is a regular file.
     *
     * @param kind what the file should be, for the message: {@code recording}, {@code labels file}
     */
    static String fileProblem(Path file, String kind) {
        if (Files.isDirectory(file)) {
            return "is a directory, not a " + kind + ": " + file;
        }
        return Files.isRegularFile(file) ? null : "no such file: " + file;
    }
}
