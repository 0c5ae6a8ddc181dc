package dev.acumat.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --pitch-mm P|RxC}: how far apart the sensor centres of a grid given on the command line
 * are, the same both ways or apart between rows (along the mat) and between columns (across it),
 * as PhysioNet PMD experiment II's 28 x 35 mm.
 */
final class PitchOption {
    static final String NAME = "--pitch-mm";
    /** The largest pitch, mm; the replay format and the simulator take no more. */
    static final double MAX_MM = 1000;

    /** Distances between row centres and between column centres, mm, of the grid as written. */
    record Pitch(double rowMm, double colMm) {
        /** The pitch of the grid turned a quarter: rows and columns trade places. */
        Pitch transposed() {
            return new Pitch(colMm, rowMm);
        }
    }

    @Option(names = NAME, paramLabel = "P|RxC",
            description = "Distance between sensor centres in mm: P both ways, or R between rows (along the mat)"
                    + " x C between columns (across it) of the grid as written, e.g. 28x35 (PMD experiment II).")
    String text;

    boolean given() {
        return text != null;
    }

    /**
     * The pitch given, null when none was.
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    Pitch value() {
        return text == null ? null : parse(text);
    }

    /**
     * Reads {@code P} or {@code RxC} (also {@code R*C}, {@code RXC}), each in (0, 1000] mm.
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    static Pitch parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String[] parts = t.split("\\s*[x*]\\s*", -1);
        if (parts.length > 2 || t.isEmpty()) {
            throw bad(text);
        }
        double row = mm(parts[0], text);
        return new Pitch(row, parts.length == 2 ? mm(parts[1], text) : row);
    }

    private static double mm(String s, String text) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        if (!(v > 0) || v > MAX_MM) {
            throw new IllegalArgumentException(NAME + " must be in (0, " + (int) MAX_MM + "] mm, each way, got '"
                    + text.strip() + "'");
        }
        return v;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException(NAME + " must be P or RxC in mm (e.g. 28 or 28x35), got '"
                + text.strip() + "'");
    }
}
