package dev.acumat.analytics.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * NumPy's {@code .npy} format, version 1.0: a magic string, a header that is a Python dict
 * literal (dtype, order, shape) padded so the data starts at a multiple of 64 bytes, then the
 * data, little-endian, in C order. Just what an export needs: unsigned 16-bit cells, 32- and
 * 64-bit integers, doubles and one text value; {@code numpy.load} reads them without pickling.
 */
final class NpyArrays {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGN = 64;

    private NpyArrays() {
    }

    /** The header of an array of {@code descr} (e.g. {@code <u2}) and {@code shape}. */
    static byte[] header(String descr, long... shape) {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            dims.add(Long.toString(d));
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    static void writeLongs(OutputStream out, long[] values, int count) throws IOException {
        out.write(header("<i8", count));
        ByteBuffer b = ByteBuffer.allocate(8 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putLong(values[i]);
        }
        out.write(b.array());
    }

    static void writeUnsignedInts(OutputStream out, long[] values, int count) throws IOException {
        out.write(header("<u4", count));
        ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            b.putInt((int) values[i]);
        }
        out.write(b.array());
    }

    static void writeLongMatrix(OutputStream out, long[][] rows, int cols) throws IOException {
        out.write(header("<i8", rows.length, cols));
        ByteBuffer b = ByteBuffer.allocate(8 * rows.length * cols).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] row : rows) {
            for (long v : row) {
                b.putLong(v);
            }
        }
        out.write(b.array());
    }

    static void writeDoubles(OutputStream out, double... values) throws IOException {
        out.write(header("<f8", values.length));
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        out.write(b.array());
    }

    /** A 0-d unicode array: NumPy keeps text as UTF-32 code points ({@code <U}n). */
    static void writeText(OutputStream out, String text) throws IOException {
        int[] points = text.codePoints().toArray();
        out.write(header("<U" + Math.max(1, points.length)));
        ByteBuffer b = ByteBuffer.allocate(4 * Math.max(1, points.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (int p : points) {
            b.putInt(p);
        }
        out.write(b.array());
    }
}
