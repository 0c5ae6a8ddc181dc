package dev.acumat.protocol;

/**
 * Consistent Overhead Byte Stuffing: removes every 0x00 from a message so that 0x00 can
 * delimit messages on the wire, at a cost of one byte per 254 (plus one).
 */
final class Cobs {
    private Cobs() {
    }

    static int maxEncodedLength(int length) {
        return length + length / 254 + 1;
    }

    /** Stuffs {@code src[off, off+len)} into {@code dst} at {@code dstOff}; returns the bytes written (no delimiter). */
    static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int codeIndex = dstOff;
        int out = dstOff + 1;
        int code = 1;
        for (int i = off, end = off + len; i < end; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeIndex] = (byte) code;
                codeIndex = out++;
                code = 1;
            } else {
                dst[out++] = b;
                if (++code == 0xFF) {
                    dst[codeIndex] = (byte) code;
                    codeIndex = out++;
                    code = 1;
                }
            }
        }
        dst[codeIndex] = (byte) code;
        return out - dstOff;
    }

    /**
     * Unstuffs {@code buf[0, len)} in place (the output is never longer than the input).
     * Returns the unstuffed length, or -1 if the bytes are not valid COBS (a zero byte, or a
     * code that points past the end).
     */
    static int decodeInPlace(byte[] buf, int len) {
        int in = 0;
        int out = 0;
        while (in < len) {
            int code = buf[in] & 0xFF;
            if (code == 0 || in + code > len) {
                return -1;
            }
            in++;
            for (int end = in + code - 1; in < end; in++) {
                byte b = buf[in];
                if (b == 0) {
                    return -1;
                }
                buf[out++] = b;
            }
            if (code != 0xFF && in < len) {
                buf[out++] = 0;
            }
        }
        return out;
    }

    /** Blocks at least this long are moved with {@link System#arraycopy}; shorter ones byte by byte. */
    private static final int COPY_BLOCK = 16;

    /**
     * {@link #decodeInPlace} for bytes known to hold no 0x00, as the stream decoder's are (it
     * cuts them at the delimiters): the decoder's hottest loop. Sparse frames make mostly one-
     * and two-byte blocks, where a copy loop per block mispredicts its end every time. So while
     * no block is full (no code 0xFF, which adds no zero), one walk along the codes turns each
     * code after the first into the zero it stands for, and a single arraycopy drops the first
     * code. The walk is a chain of dependent loads, one per block: walking once, not twice
     * (check, then write), is what this method is about. On invalid input the buffer is left
     * half-decoded; callers drop it.
     */
    static int decodeZeroFreeInPlace(byte[] buf, int len) {
        if (len == 0) {
            return 0;
        }
        int p = buf[0] & 0xFF;
        if (p == 0xFF) {
            return decodeZeroFreeBlocks(buf, 0, 0, len);
        }
        while (p < len) {
            int code = buf[p] & 0xFF;
            if (code == 0xFF) {
                // The blocks so far are plain; the rest, from this full block on, block by block.
                System.arraycopy(buf, 1, buf, 0, p - 1);
                buf[p - 1] = 0;
                return decodeZeroFreeBlocks(buf, p, p, len);
            }
            buf[p] = 0;
            p += code;
        }
        if (p != len) {
            return -1;  // the last code points past the end
        }
        System.arraycopy(buf, 1, buf, 0, len - 1);
        return len - 1;
    }

    /**
     * {@link #decodeZeroFreeInPlace}, leaving the message at {@code buf[1, 1 + n)} where that
     * saves moving it: the stream decoder's path. Each code's position becomes the zero the code
     * before it stands for, so while no block is full the message is already in place one byte
     * up, and the walk is all the work. Input with a full block (a dense frame, say) is
     * unstuffed to the front and then moved up. Returns n, or -1 as the other method does.
     */
    static int decodeZeroFreeAtOne(byte[] buf, int len) {
        if (len == 0) {
            return 0;
        }
        return decodeZeroFreeAtOne(buf, 0, len);
    }

    /** {@link #decodeZeroFreeAtOne(byte[], int)} from the code at {@code p}, the codes before it already zeroed. */
    static int decodeZeroFreeAtOne(byte[] buf, int p, int len) {
        while (p < len) {
            int code = buf[p] & 0xFF;
            if (code == 0xFF) {
                int n = decodeZeroFreeInPlace(buf, p, len);
                if (n > 0) {
                    System.arraycopy(buf, 0, buf, 1, n);
                }
                return n;
            }
            buf[p] = 0;  // the first code's position, 0, is outside the message
            p += code;
        }
        return p == len ? len - 1 : -1;
    }

    /** {@link #decodeZeroFreeInPlace} once the walk met a full block at {@code p}, the codes before it already zeroed. */
    private static int decodeZeroFreeInPlace(byte[] buf, int p, int len) {
        if (p == 0) {
            return decodeZeroFreeBlocks(buf, 0, 0, len);
        }
        System.arraycopy(buf, 1, buf, 0, p - 1);
        buf[p - 1] = 0;
        return decodeZeroFreeBlocks(buf, p, p, len);
    }

    /**
     * Block by block from the code at {@code in}, the output so far ending at {@code out}: for
     * input with full (0xFF) blocks (dense frames, long blocks, arraycopy).
     */
    private static int decodeZeroFreeBlocks(byte[] buf, int in, int out, int len) {
        while (in < len) {
            int code = buf[in] & 0xFF;
            if (in + code > len) {
                return -1;
            }
            int n = code - 1;
            in++;
            if (n >= COPY_BLOCK) {
                System.arraycopy(buf, in, buf, out, n);
                in += n;
                out += n;
            } else {
                for (int end = in + n; in < end; in++) {
                    buf[out++] = buf[in];
                }
            }
            if (code != 0xFF && in < len) {
                buf[out++] = 0;
            }
        }
        return out;
    }
}
