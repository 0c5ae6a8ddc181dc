package dev.acumat.protocol;

/**
 * The sparse cell encoding: alternating runs, each a LEB128 count of zero cells, a LEB128
 * count of literal cells, then that many u16 little-endian values. The canonical form takes
 * maximal runs, so every encoder produces the same bytes for the same frame.
 */
final class SparseCells {
    private SparseCells() {
    }

    static int varintLength(int v) {
        return v < 0x80 ? 1 : v < 0x4000 ? 2 : 3;
    }

    /** The size of the canonical sparse encoding of {@code values}. */
    static int encodedLength(short[] values) {
        int n = values.length;
        int size = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && values[i] == 0) {
                i++;
            }
            int zeros = i - start;
            start = i;
            while (i < n && values[i] != 0) {
                i++;
            }
            int literals = i - start;
            size += varintLength(zeros) + varintLength(literals) + 2 * literals;
        }
        return size;
    }

    /** Writes the canonical sparse encoding at {@code off}; returns the offset after it. */
    static int encode(short[] values, byte[] dst, int off) {
        int n = values.length;
        int i = 0;
        while (i < n) {
            int start = i;
            while (i < n && values[i] == 0) {
                i++;
            }
            off = putVarint(dst, off, i - start);
            start = i;
            while (i < n && values[i] != 0) {
                i++;
            }
            off = putVarint(dst, off, i - start);
            for (int j = start; j < i; j++) {
                LittleEndian.putU16(dst, off, values[j]);
                off += 2;
            }
        }
        return off;
    }

    private static int putVarint(byte[] dst, int off, int v) {
        while (v >= 0x80) {
            dst[off++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        dst[off++] = (byte) v;
        return off;
    }

    /**
     * Decodes {@code src[off, end)} into {@code out} (already zeroed). Returns null on success,
     * or why the stream is malformed; never trusts a count before checking it against what is left.
     */
    static String decode(byte[] src, int off, int end, short[] out) {
        return walk(src, off, end, out.length, off, 0, out);
    }

    /**
     * Checks {@code src[off, end)} against every rule {@link #decode} applies, for {@code cells}
     * cells, without writing a cell: the same answer, null or the same reason (one walk serves
     * both). A frame that passes is expanded later, if ever, by {@link #decode}. Skipping the
     * literals makes this a walk along the run headers, one step per run.
     */
    static String check(byte[] src, int off, int end, int cells) {
        return walk(src, off, end, cells, off, 0, null);
    }

    /** {@link #check(byte[], int, int, int)} resumed at the run at {@code pos}, cell {@code cell}, the runs before it checked. */
    static String check(byte[] src, int off, int end, int cells, int pos, int cell) {
        return walk(src, off, end, cells, pos, cell, null);
    }

    /** Checks the runs from {@code pos} (at {@code cell}) on, writing their literals into {@code out} unless it is null. */
    private static String walk(byte[] src, int off, int end, int cells, int pos, int cell, short[] out) {
        while (cell < cells) {
            int z;
            int l;
            if (end - pos >= 2 && (src[pos] | src[pos + 1]) >= 0) {
                // Both counts in one byte each (under 128), as nearly every run of a frame has.
                z = src[pos];
                l = src[pos + 1];
                pos += 2;
            } else {
                long zeros = readVarint(src, pos, end);
                if (zeros < 0) {
                    return "sparse run at byte " + (pos - off) + ": " + varintError(zeros);
                }
                pos += (int) (zeros >>> 32);
                z = (int) zeros;
                long literals = readVarint(src, pos, end);
                if (literals < 0) {
                    return "sparse run at byte " + (pos - off) + ": " + varintError(literals);
                }
                pos += (int) (literals >>> 32);
                l = (int) literals;
            }
            if (z > cells - cell || l > cells - cell - z) {
                return "sparse runs cover more than the " + cells + " cells";
            }
            if (z == 0 && l == 0) {
                return "empty sparse run at cell " + cell;
            }
            if (2 * l > end - pos) {
                return "sparse literals run past the end of the body";
            }
            cell += z;
            if (out != null) {
                for (int j = 0; j < l; j++) {
                    out[cell + j] = LittleEndian.s16(src, pos + 2 * j);
                }
            }
            cell += l;
            pos += 2 * l;
        }
        if (pos != end) {
            return (end - pos) + " bytes after the last sparse run";
        }
        return null;
    }

    /**
     * Expands bytes that {@link #check} accepted for {@code cells} cells into {@code out[0,
     * cells)} as unsigned values, zeros included: for a consumer's own buffer, without the
     * checks (they passed) and without a {@code short[]} on the way.
     */
    static void expandChecked(byte[] src, int cells, int[] out) {
        java.util.Arrays.fill(out, 0, cells, 0);
        int cell = 0;
        int pos = 0;
        while (cell < cells) {
            int z;
            int l;
            if ((src[pos] | src[pos + 1]) >= 0) {
                z = src[pos];
                l = src[pos + 1];
                pos += 2;
            } else {
                long zeros = readVarint(src, pos, src.length);
                pos += (int) (zeros >>> 32);
                z = (int) zeros;
                long literals = readVarint(src, pos, src.length);
                pos += (int) (literals >>> 32);
                l = (int) literals;
            }
            cell += z;
            for (int end = cell + l; cell < end; cell++, pos += 2) {
                out[cell] = LittleEndian.s16(src, pos) & 0xFFFF;
            }
        }
    }

    private static final long TRUNCATED = -1;
    private static final long TOO_LONG = -2;

    /** Returns (bytes consumed << 32 | value), or a negative error code. */
    static long readVarint(byte[] src, int pos, int end) {
        int value = 0;
        for (int i = 0; i < WireFormat.MAX_VARINT_BYTES; i++) {
            if (pos + i >= end) {
                return TRUNCATED;
            }
            int b = src[pos + i] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return (long) (i + 1) << 32 | value;
            }
        }
        return TOO_LONG;
    }

    private static String varintError(long code) {
        return code == TRUNCATED ? "count truncated" : "count longer than " + WireFormat.MAX_VARINT_BYTES + " bytes";
    }
}
