package dev.acumat.protocol;

/**
 * Unstuffs a message one byte up ({@link Cobs#decodeZeroFreeAtOne}) and, when its header
 * says sparse frame, checks the sparse runs in the same loop. Both are chains of dependent
 * loads, one step per COBS block and one per sparse run, each as slow as a load's latency and
 * no faster: one after the other they were most of the decoder's time. In one loop the core
 * runs them side by side, two COBS steps to each run (a 64 x 32 frame has 1.7 blocks per
 * run), and the runs cost next to nothing.
 *
 * <p>The run walk reads only bytes the COBS walk has finished (every code before it is
 * turned into its zero), so what it finds is what {@link SparseCells#check} would find over
 * the unstuffed message up to where it stopped. It stops at anything unusual (a rule broken,
 * the end near) and leaves that to the full check, which {@link MessageReader} resumes from
 * {@link #pos} and {@link #cell} once every other check of the message has passed. The header
 * it went by is the same bytes, so the reader takes the walk only when the header it checked
 * agrees ({@link #covers}).
 *
 * <p>One per decoder, reused: the decoding thread's alone.
 */
final class UnstuffingWalk {
    /** Where a sparse frame's cells begin, one byte up: after the envelope's and the frame's headers. */
    private static final int CELLS = 1 + WireFormat.BODY_OFFSET + WireFormat.FRAME_CELLS_OFFSET;
    private static final int TYPE = 1 + WireFormat.TYPE_OFFSET;
    private static final int FRAME = 1 + WireFormat.BODY_OFFSET;

    /** Whether the last message had its runs walked; if not, the other fields mean nothing. */
    private boolean walked;
    private int end;
    private int cells;
    /** How far the run walk checked: the next run starts at {@code pos}, at cell {@code cell}. */
    int pos;
    int cell;

    /** Unstuffs {@code buf[0, len)} (no 0x00 in it) to {@code buf[1, 1 + n)}; returns n, or -1 if not valid COBS. */
    int unstuff(byte[] buf, int len) {
        walked = false;
        if (len == 0) {
            return 0;
        }
        int p = 0;
        // The headers first: the runs' walk needs to know it is a sparse frame, and of how many cells.
        while (p < len && p < CELLS) {
            int code = buf[p] & 0xFF;
            if (code == 0xFF) {
                return Cobs.decodeZeroFreeAtOne(buf, p, len);
            }
            buf[p] = 0;
            p += code;
        }
        end = len - WireFormat.CRC_LENGTH;
        if (p >= len || end < CELLS || buf[TYPE] != WireFormat.TYPE_PRESSURE_FRAME
                || buf[FRAME + WireFormat.FRAME_ENCODING_OFFSET] != WireFormat.ENCODING_SPARSE) {
            return Cobs.decodeZeroFreeAtOne(buf, p, len);
        }
        int rows = LittleEndian.u16(buf, FRAME + WireFormat.FRAME_ROWS_OFFSET);
        int cols = LittleEndian.u16(buf, FRAME + WireFormat.FRAME_COLS_OFFSET);
        if (rows < 1 || rows > WireFormat.MAX_ROWS || cols < 1 || cols > WireFormat.MAX_COLS) {
            return Cobs.decodeZeroFreeAtOne(buf, p, len);
        }
        int cells = rows * cols;
        int end = this.end;
        int pos = CELLS;
        int cell = 0;
        boolean going = true;
        while (p < len) {
            int code = buf[p] & 0xFF;
            if (code == 0xFF) {
                return Cobs.decodeZeroFreeAtOne(buf, p, len);  // a full block: not a frame worth the walk
            }
            buf[p] = 0;
            p += code;
            if (p < len) {
                code = buf[p] & 0xFF;
                if (code == 0xFF) {
                    return Cobs.decodeZeroFreeAtOne(buf, p, len);
                }
                buf[p] = 0;
                p += code;
            }
            // One run, if its two counts are unstuffed already (the codes before p are zeros now).
            if (going && pos + 1 < p && cell < cells) {
                int z = buf[pos];
                int l = buf[pos + 1];
                int literals = pos + 2;
                if ((z | l) < 0) {
                    // A count of two or three bytes (a long run of zeros): both counts, once their
                    // six bytes at most are unstuffed.
                    if (pos + 5 >= p) {
                        continue;
                    }
                    long zeros = SparseCells.readVarint(buf, pos, end);
                    long lits = zeros < 0 ? -1 : SparseCells.readVarint(buf, pos + (int) (zeros >>> 32), end);
                    if (lits < 0) {
                        going = false;  // truncated or too long: the full check says which
                        continue;
                    }
                    z = (int) zeros;
                    l = (int) lits;
                    literals = pos + (int) (zeros >>> 32) + (int) (lits >>> 32);
                }
                if ((z | l) == 0 || end - pos < 2 || z > cells - cell || l > cells - cell - z
                        || 2 * l > end - literals) {
                    going = false;  // a broken rule, or the end near: the full check's
                } else {
                    cell += z + l;
                    pos = literals + 2 * l;
                }
            }
        }
        if (p != len) {
            return -1;
        }
        this.cells = cells;
        this.pos = pos;
        this.cell = cell;
        walked = true;
        return len - 1;
    }

    /** Whether the last message's walk went by these cells: {@code src[off, end)} for {@code cells} cells. */
    boolean covers(int off, int end, int cells) {
        return walked && off == CELLS && end == this.end && cells == this.cells;
    }
}
