package dev.acumat.cli;

import dev.acumat.protocol.WireFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --rows}, {@code --cols} and {@code --pitch-mm}: a grid given on the command line, as
 * written (a recording's, a text mat's, a scenario's mat); the three go together. What the grid is
 * for, and what stands in for it when it is left out, is the command's.
 */
final class GridOptions {
    @Option(names = "--rows", paramLabel = "R",
            description = "Rows of the grid as written (1..256), with --cols and --pitch-mm.")
    Integer rows;

    @Option(names = "--cols", paramLabel = "C", description = "Columns of the grid as written (1..256).")
    Integer cols;

    @CommandLine.Mixin
    PitchOption pitch;

    /** Whether any of the three is given. */
    boolean given() {
        return rows != null || cols != null || pitch.given();
    }

    /** The first of the three that is not given, by its option's name; null when all are. */
    String missing() {
        return rows == null ? "--rows" : cols == null ? "--cols" : pitch.given() ? null : PitchOption.NAME;
    }

    /**
     * Checks the grid's size and reads its pitch; call once {@link #missing()} is null.
     *
     * @throws IllegalArgumentException naming the option and what is wrong
     */
    PitchOption.Pitch check() {
        checkSize(rows, cols);
        return pitch.value();
    }

    /**
     * Checks a grid's size, as given or as a recording's header states it.
     *
     * @throws IllegalArgumentException naming the options
     */
    static void checkSize(int rows, int cols) {
        if (rows < 1 || rows > WireFormat.MAX_ROWS || cols < 1 || cols > WireFormat.MAX_COLS) {
            throw new IllegalArgumentException("--rows and --cols must be 1..256, got " + rows + " x " + cols);
        }
    }
}
