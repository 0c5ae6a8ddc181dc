package dev.acumat.cli;

import dev.acumat.protocol.CellOrder;
import dev.acumat.simulator.ReplayHeader;
import picocli.CommandLine.Option;

/**
 * How a recording's cells map to acumat's order (row 0 at the head end, column 0 under the
 * supine person's right side): the flags analyze, simulate and demo share. {@code --rows} and
 * {@code --cols} stay the file's as written; what comes out is canonical. Given flags replace a
 * header's {@code order=} whole, so the command line says exactly which order is used.
 */
final class CellOrderOptions {
    @Option(names = "--flip-rows",
            description = "The recording's rows run from the feet: its last row is at the head end (PhysioNet PMD"
                    + " experiment II).")
    boolean flipRows;

    @Option(names = "--flip-cols",
            description = "The recording's columns run the other way: column 0 under a supine person's left side"
                    + " (PhysioNet PMD experiment I).")
    boolean flipCols;

    @Option(names = "--transpose",
            description = "The recording's rows run across the mat: they become its columns, before any flip.")
    boolean transpose;

    @Option(names = "--serpentine",
            description = "The mat scanned back and forth: every odd row as written runs in reverse (undone first,"
                    + " before --transpose and the flips). These four replace the order of an acumat-replay header"
                    + " when any is given.")
    boolean serpentine;

    /** Whether any of the flags is set. */
    boolean given() {
        return flipRows || flipCols || transpose || serpentine;
    }

    /** The order the flags give. */
    CellOrder order() {
        return CellOrder.of(flipRows, flipCols, transpose, serpentine);
    }

    /** A recording's order: the flags' when any is set, else its header's (none without a header). */
    CellOrder orderOf(ReplayHeader header) {
        return given() || header == null ? order() : header.order();
    }

    /** The flags as they were given, for a message. */
    String names() {
        return (flipRows ? " --flip-rows" : "") + (flipCols ? " --flip-cols" : "") + (transpose ? " --transpose" : "")
                + (serpentine ? " --serpentine" : "");
    }
}
