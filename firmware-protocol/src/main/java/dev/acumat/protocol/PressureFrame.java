package dev.acumat.protocol;

import java.util.Arrays;

/**
 * One scan of the sensor grid: raw values row-major, row 0 at the head end, with the mat's
 * sequence number and clock. Immutable; values are unsigned 16-bit.
 *
 * <p>A frame read from the wire in the sparse encoding keeps its checked cell bytes and
 * expands them into values at the first look at a value: a gateway passes most frames on by
 * their bytes and their sequence and clock alone, and expanding was most of the decoder's
 * work. The bytes passed every acceptance rule before the frame was made, so expanding
 * cannot fail.
 */
public final class PressureFrame implements Message {
    private final long sequence;
    private final long deviceTimeMicros;
    private final int rows;
    private final int cols;
    /** The values of a frame made from them, or null for one read in the sparse encoding. */
    private final short[] values;
    /** The sparse cell bytes of a frame read in that encoding, or null. */
    private final byte[] sparse;
    /**
     * A sparse frame's values once expanded. Set without a lock: {@link Cells}' final field
     * publishes the array's contents with it, so a thread that sees the holder sees the whole
     * array, and one that does not yet see it expands again into the same values.
     */
    private Cells expanded;

    private static final class Cells {
        final short[] values;

        Cells(short[] values) {
            this.values = values;
        }
    }

    /**
     * @param sequence         the mat's frame counter, 0..2^32-1, wrapping
     * @param deviceTimeMicros the mat's clock at the scan, microseconds since it started
     * @param rows             1..256
     * @param cols             1..256
     * @param values           rows x cols raw values, row-major, each 0..65535
     */
    public PressureFrame(long sequence, long deviceTimeMicros, int rows, int cols, int[] values) {
        this(sequence, deviceTimeMicros, rows, cols, toShorts(rows, cols, values));
    }

    /** Takes ownership of {@code values}: callers in this package hand over a fresh array. */
    PressureFrame(long sequence, long deviceTimeMicros, int rows, int cols, short[] values) {
        this(sequence, deviceTimeMicros, rows, cols, values, null);
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values for " + rows + " x " + cols
                    + ", got " + values.length);
        }
    }

    private PressureFrame(long sequence, long deviceTimeMicros, int rows, int cols, short[] values, byte[] sparse) {
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence out of 0..2^32-1: " + sequence);
        }
        if (deviceTimeMicros < 0) {
            throw new IllegalArgumentException("device time must not be negative: " + deviceTimeMicros);
        }
        checkGeometry(rows, cols);
        this.sequence = sequence;
        this.deviceTimeMicros = deviceTimeMicros;
        this.rows = rows;
        this.cols = cols;
        this.values = values;
        this.sparse = sparse;
    }

    /**
     * A frame of sparse cell bytes that {@link SparseCells#check} accepted for rows x cols
     * cells; takes ownership of {@code sparse}.
     */
    static PressureFrame ofCheckedSparse(long sequence, long deviceTimeMicros, int rows, int cols, byte[] sparse) {
        return new PressureFrame(sequence, deviceTimeMicros, rows, cols, null, sparse);
    }

    /** The values; a sparse frame's expanded at the first call. */
    private short[] values() {
        if (values != null) {
            return values;
        }
        Cells c = expanded;
        if (c == null) {
            short[] out = new short[rows * cols];
            String problem = SparseCells.decode(sparse, 0, sparse.length, out);
            if (problem != null) {
                throw new IllegalStateException("checked sparse cells failed to expand: " + problem);
            }
            c = new Cells(out);
            expanded = c;
        }
        return c.values;
    }

    private static void checkGeometry(int rows, int cols) {
        if (rows < 1 || rows > WireFormat.MAX_ROWS || cols < 1 || cols > WireFormat.MAX_COLS) {
            throw new IllegalArgumentException("geometry must be 1..256 x 1..256: " + rows + " x " + cols);
        }
    }

    private static short[] toShorts(int rows, int cols, int[] values) {
        checkGeometry(rows, cols);
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows * cols + " values for " + rows + " x " + cols
                    + ", got " + values.length);
        }
        short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("value " + i + " out of 0..65535: " + v);
            }
            out[i] = (short) v;
        }
        return out;
    }

    @Override
    public int type() {
        return WireFormat.TYPE_PRESSURE_FRAME;
    }

    public long sequence() {
        return sequence;
    }

    public long deviceTimeMicros() {
        return deviceTimeMicros;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int cells() {
        return rows * cols;
    }

    /** The raw value of cell {@code index} (row-major). */
    public int valueAt(int index) {
        return values()[index] & 0xFFFF;
    }

    public int value(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("cell (" + row + ", " + col + ") outside " + rows + " x " + cols);
        }
        return values()[row * cols + col] & 0xFFFF;
    }

    /** The backing array, for the codec in this package only: it must not be modified. */
    short[] rawValues() {
        return values();
    }

    /** A copy of the values, row-major. */
    public int[] toArray() {
        short[] values = values();
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] & 0xFFFF;
        }
        return out;
    }

    /** Copies the values, row-major, into {@code dst} (at least {@link #cells()} long): {@link #toArray()} without a new array. */
    public void copyTo(int[] dst) {
        int cells = rows * cols;
        if (dst.length < cells) {
            throw new IndexOutOfBoundsException("a " + cells + "-cell frame into " + dst.length + " ints");
        }
        if (values == null && expanded == null) {
            // Straight from the sparse bytes: a consumer with its own buffer needs no short[] between.
            SparseCells.expandChecked(sparse, cells, dst);
            return;
        }
        short[] src = values();
        for (int i = 0; i < src.length; i++) {
            dst[i] = src[i] & 0xFFFF;
        }
    }

    /** How many cells are not zero. */
    public int nonZeroCells() {
        int n = 0;
        for (short v : values()) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PressureFrame other)) {
            return false;
        }
        return sequence == other.sequence && deviceTimeMicros == other.deviceTimeMicros
                && rows == other.rows && cols == other.cols && Arrays.equals(values(), other.values());
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(sequence);
        h = 31 * h + Long.hashCode(deviceTimeMicros);
        h = 31 * h + rows;
        h = 31 * h + cols;
        return 31 * h + Arrays.hashCode(values());
    }

    @Override
    public String toString() {
        return "PressureFrame[seq=" + sequence + ", t=" + deviceTimeMicros + "us, " + rows + "x" + cols
                + ", nonzero=" + nonZeroCells() + "]";
    }
}
