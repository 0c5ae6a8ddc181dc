package dev.acumat.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes on byte arrays: the protocol's byte order (that of most MCUs). */
final class LittleEndian {
    /** One load for two or eight bytes where a hot loop reads them: the JIT makes a plain move of these. */
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    private LittleEndian() {
    }

    /** The 16 bits at {@code off}, as the short they are. */
    static short s16(byte[] b, int off) {
        return (short) SHORTS.get(b, off);
    }

    /**
     * The index of the first 0x00 in {@code b[from, end)}, or {@code end}: eight bytes a step
     * (the lowest byte whose top bit {@code (w - ONES) & ~w} sets is the first zero; borrows
     * only reach bytes above it).
     */
    static int indexOfZero(byte[] b, int from, int end) {
        int i = from;
        for (; i <= end - 8; i += 8) {
            long w = (long) LONGS.get(b, i);
            long zeros = (w - ONES) & ~w & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        while (i < end && b[i] != 0) {
            i++;
        }
        return i;
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int off) {
        return ((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16
                | (long) (b[off + 3] & 0xFF) << 24);
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void putU64(byte[] b, int off, long v) {
        putU32(b, off, v);
        putU32(b, off + 4, v >>> 32);
    }
}
