package dev.acumat.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * How a mat's own cell order maps to acumat's canonical one (row 0 at the head end, column 0
 * under the supine person's right side: PROTOCOL.md section 4.2). Mats and recordings that are
 * wired or written another way are read through one: the PhysioNet PMD experiment I files need
 * {@code flip-cols}, the experiment II files {@code flip-rows}.
 *
 * <p><b>Definition.</b> The input is a frame of {@code rows x cols} cells, row-major, as the mat
 * writes it: {@code in[r * cols + c]}. {@link #apply} makes the canonical frame in up to three steps,
 * always in this order:
 * <ol>
 *   <li>{@code serpentine}: the mat scans its grid back and forth, so every odd row of its own
 *       grid (r = 1, 3, 5...) is written in reverse: that row's cell c is the mat's column
 *       {@code cols-1-c}. This is undone first, on the grid as the mat writes it, because it is a
 *       property of the wiring, not of how the grid lies.</li>
 *   <li>{@code transpose}: cell (r, c) moves to (c, r); the grid becomes {@code cols x rows}.
 *       Without it the grid stays {@code rows x cols}.</li>
 *   <li>Then, on that grid of R' x C' cells, {@code flip-rows} reverses the rows (row i
 *       becomes row R'-1-i) and {@code flip-cols} reverses the columns (column j becomes column
 *       C'-1-j).</li>
 * </ol>
 * So the flips name canonical rows and columns, and the output has
 * {@link #outRows outRows} x {@link #outCols outCols} cells: {@code out[i * C' + j] = in[r * cols + c]}
 * with i' = (flip-rows ? R'-1-i : i), j' = (flip-cols ? C'-1-j : j), and (r, c) = (j', i') under
 * transpose, else (i', j'); under serpentine, c becomes {@code cols-1-c} where r is odd. A 3 x 2
 * frame {@code a b / c d / e f} becomes {@code e f / c d / a b} under flip-rows,
 * {@code b a / d c / f e} under flip-cols, {@code a c e / b d f} under transpose and
 * {@code a b / d c / e f} under serpentine.
 *
 * <p>Written as a comma list of {@code flip-rows}, {@code flip-cols}, {@code transpose} and
 * {@code serpentine} (in any order: the steps always run as above), or {@code none}. On the wire
 * (PROTOCOL.md's {@code mat_layout}) it is a bit field, {@link #bits()}. It is a value: immutable,
 * equal when the same steps are set.
 */
public final class CellOrder {
    /** The canonical order itself: nothing moves. */
    public static final CellOrder NONE = new CellOrder(false, false, false, false);

    private static final String NONE_WORD = "none";
    private static final String FLIP_ROWS = "flip-rows";
    private static final String FLIP_COLS = "flip-cols";
    private static final String TRANSPOSE = "transpose";
    private static final String SERPENTINE = "serpentine";
    /** The words {@link #parse} takes, for its error messages. */
    public static final List<String> WORDS = List.of(NONE_WORD, FLIP_ROWS, FLIP_COLS, TRANSPOSE, SERPENTINE);

    private final boolean flipRows;
    private final boolean flipCols;
    private final boolean transpose;
    private final boolean serpentine;

    private CellOrder(boolean flipRows, boolean flipCols, boolean transpose, boolean serpentine) {
        this.flipRows = flipRows;
        this.flipCols = flipCols;
        this.transpose = transpose;
        this.serpentine = serpentine;
    }

    /** The order with these steps and no serpentine scan (see the class description for what each does). */
    public static CellOrder of(boolean flipRows, boolean flipCols, boolean transpose) {
        return of(flipRows, flipCols, transpose, false);
    }

    /** The order with these steps (see the class description for what each does). */
    public static CellOrder of(boolean flipRows, boolean flipCols, boolean transpose, boolean serpentine) {
        return flipRows || flipCols || transpose || serpentine
                ? new CellOrder(flipRows, flipCols, transpose, serpentine) : NONE;
    }

    /**
     * The order of a {@code mat_layout} message's {@code cell_order} byte (PROTOCOL.md 4.4):
     * {@link WireFormat#CELL_ORDER_FLIP_ROWS} and the other {@code CELL_ORDER_*} bits.
     *
     * @throws IllegalArgumentException when a reserved bit is set: a step this version does not know
     */
    public static CellOrder fromBits(int bits) {
        if ((bits & ~WireFormat.CELL_ORDER_KNOWN_BITS) != 0) {
            throw new IllegalArgumentException(String.format("cell order bits 0x%02x set a reserved bit", bits));
        }
        return of((bits & WireFormat.CELL_ORDER_FLIP_ROWS) != 0, (bits & WireFormat.CELL_ORDER_FLIP_COLS) != 0,
                (bits & WireFormat.CELL_ORDER_TRANSPOSE) != 0, (bits & WireFormat.CELL_ORDER_SERPENTINE) != 0);
    }

    /** The {@code cell_order} byte of a {@code mat_layout} message: {@link #fromBits} reads it back. */
    public int bits() {
        return (flipRows ? WireFormat.CELL_ORDER_FLIP_ROWS : 0) | (flipCols ? WireFormat.CELL_ORDER_FLIP_COLS : 0)
                | (transpose ? WireFormat.CELL_ORDER_TRANSPOSE : 0) | (serpentine ? WireFormat.CELL_ORDER_SERPENTINE : 0);
    }

    /**
     * Reads the written form: {@code none}, or a comma list of {@code flip-rows},
     * {@code flip-cols}, {@code transpose}, {@code serpentine}, each at most once; spaces around words are allowed.
     *
     * @throws IllegalArgumentException naming the word that is wrong and the words allowed
     */
    public static CellOrder parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no cell order given; one of " + String.join(", ", WORDS)
                    + " (several as a comma list)");
        }
        String[] words = text.split(",", -1);
        boolean fr = false;
        boolean fc = false;
        boolean t = false;
        boolean sp = false;
        boolean none = false;
        for (String raw : words) {
            String w = raw.strip();
            boolean repeated = switch (w) {
                case NONE_WORD -> none;
                case FLIP_ROWS -> fr;
                case FLIP_COLS -> fc;
                case TRANSPOSE -> t;
                case SERPENTINE -> sp;
                default -> throw new IllegalArgumentException("'" + w + "' is not a cell order step; one of "
                        + String.join(", ", WORDS) + " (several as a comma list)");
            };
            if (repeated) {
                throw new IllegalArgumentException("'" + w + "' is given twice in '" + text + "'");
            }
            switch (w) {
                case NONE_WORD -> none = true;
                case FLIP_ROWS -> fr = true;
                case FLIP_COLS -> fc = true;
                case TRANSPOSE -> t = true;
                default -> sp = true;
            }
        }
        if (none && words.length > 1) {
            throw new IllegalArgumentException("'none' goes alone, not in a list: '" + text + "'");
        }
        return of(fr, fc, t, sp);
    }

    /** The written form {@link #parse} reads back: {@code none}, or the steps set, comma-separated. */
    public String format() {
        List<String> words = new ArrayList<>(4);
        if (flipRows) {
            words.add(FLIP_ROWS);
        }
        if (flipCols) {
            words.add(FLIP_COLS);
        }
        if (transpose) {
            words.add(TRANSPOSE);
        }
        if (serpentine) {
            words.add(SERPENTINE);
        }
        return words.isEmpty() ? NONE_WORD : String.join(",", words);
    }

    public boolean flipRows() {
        return flipRows;
    }

    public boolean flipCols() {
        return flipCols;
    }

    public boolean transpose() {
        return transpose;
    }

    /** Whether the mat writes every odd row of its own grid in reverse. */
    public boolean serpentine() {
        return serpentine;
    }

    /** Whether nothing moves. */
    public boolean isNone() {
        return !flipRows && !flipCols && !transpose && !serpentine;
    }

    /** Rows of the canonical frame made from a {@code rows x cols} one. */
    public int outRows(int rows, int cols) {
        return transpose ? cols : rows;
    }

    /** Columns of the canonical frame made from a {@code rows x cols} one. */
    public int outCols(int rows, int cols) {
        return transpose ? rows : cols;
    }

    /**
     * The order that undoes this one: its {@link #apply} on the canonical frame
     * ({@link #outRows} x {@link #outCols}) gives back the mat's own. A transpose turns flips of
     * canonical rows into flips of the mat's columns, so under one the two flips trade places.
     * A serpentine scan is undone before the other steps, so its inverse would have to come after
     * them, which no order does: use {@link #restore} for those.
     *
     * @throws IllegalStateException for a serpentine order
     */
    public CellOrder inverse() {
        if (serpentine) {
            throw new IllegalStateException("a serpentine order has no inverse order; use restore");
        }
        return transpose ? of(flipCols, flipRows, true) : this;
    }

    /**
     * Writes the mat's own frame ({@code rows x cols}, as the mat writes it) of {@code canonical}
     * (a frame {@link #apply} made from such a frame) into {@code out}: the exact reverse of
     * {@link #apply}, for every order, serpentine included. For simulators and tests.
     */
    public void restore(int[] canonical, int rows, int cols, int[] out) {
        check(canonical, rows, cols, out);
        int outRows = outRows(rows, cols);
        int outCols = outCols(rows, cols);
        for (int i = 0; i < outRows; i++) {
            for (int j = 0; j < outCols; j++) {
                out[source(i, j, rows, cols)] = canonical[i * outCols + j];
            }
        }
    }

    /** The index in the mat's own frame of canonical cell (i, j), as the class description defines it. */
    private int source(int i, int j, int rows, int cols) {
        int ii = flipRows ? outRows(rows, cols) - 1 - i : i;
        int jj = flipCols ? outCols(rows, cols) - 1 - j : j;
        int r = transpose ? jj : ii;
        int c = transpose ? ii : jj;
        if (serpentine && (r & 1) == 1) {
            c = cols - 1 - c;
        }
        return r * cols + c;
    }

    private static void check(int[] in, int rows, int cols, int[] out) {
        int cells = rows * cols;
        if (rows < 1 || cols < 1 || in.length < cells || out.length < cells) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " frame does not fit arrays of "
                    + in.length + " and " + out.length + " cells");
        }
        if (in == out) {
            throw new IllegalArgumentException("a cell order cannot be applied in place");
        }
    }

    /**
     * Writes the canonical frame of {@code in} (a {@code rows x cols} frame in the mat's order,
     * row-major) into {@code out}, which must be another array; both hold at least
     * {@code rows * cols} cells.
     */
    public void apply(int[] in, int rows, int cols, int[] out) {
        check(in, rows, cols, out);
        if (serpentine) {
            // Rare, and small mats: the definition cell by cell.
            int outRows = outRows(rows, cols);
            int outCols = outCols(rows, cols);
            for (int i = 0; i < outRows; i++) {
                for (int j = 0; j < outCols; j++) {
                    out[i * outCols + j] = in[source(i, j, rows, cols)];
                }
            }
            return;
        }
        if (!transpose) {
            for (int i = 0; i < rows; i++) {
                int from = (flipRows ? rows - 1 - i : i) * cols;
                int to = i * cols;
                if (flipCols) {
                    for (int j = 0, k = from + cols - 1; j < cols; j++, k--) {
                        out[to + j] = in[k];
                    }
                } else {
                    System.arraycopy(in, from, out, to, cols);
                }
            }
            return;
        }
        // Canonical row i is the mat's column c, canonical column j its row r.
        for (int i = 0; i < cols; i++) {
            int c = flipRows ? cols - 1 - i : i;
            int to = i * rows;
            if (flipCols) {
                for (int j = 0, k = (rows - 1) * cols + c; j < rows; j++, k -= cols) {
                    out[to + j] = in[k];
                }
            } else {
                for (int j = 0, k = c; j < rows; j++, k += cols) {
                    out[to + j] = in[k];
                }
            }
        }
    }

    /**
     * The device-info of the canonical frames of {@code info}'s mat: rows and columns, and their
     * pitches, trade places under a transpose; everything else stays.
     */
    public DeviceInfo canonical(DeviceInfo info) {
        if (!transpose) {
            return info;
        }
        return new DeviceInfo(info.matId(), info.firmwareMajor(), info.firmwareMinor(), info.firmwarePatch(),
                info.cols(), info.rows(), info.colPitchUm(), info.rowPitchUm(), info.adcBits(), info.frameIntervalUs(),
                info.deadband(), info.calibration());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellOrder other && other.bits() == bits();
    }

    @Override
    public int hashCode() {
        return bits();
    }

    /** The written form, as {@link #format}. */
    @Override
    public String toString() {
        return format();
    }
}
