package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the entries of one segment file one after another, through a buffer so that small
 * entries cost one positional read per buffer-full rather than two per entry. Not thread-safe.
 *
 * <p>It never reads past the limit the caller gives: for the active segment that is its
 * committed size, so the buffer only ever holds whole, finished entries, which are never
 * rewritten; that is what makes reading concurrently with the appender safe.
 */
final class SegmentCursor {
    private static final int MIN_BUFFER = 64 * 1024;

    private final FileChannel channel;
    private ByteBuffer buf = ByteBuffer.allocate(MIN_BUFFER).limit(0);
    /** File position of buf index 0; buf.limit() bytes from there are valid. */
    private long bufStart;
    private long position;

    SegmentCursor(FileChannel channel) {
        this.channel = channel;
    }

    /** File position of the next entry. */
    long position() {
        return position;
    }

    /** Moves to a file position where an entry starts. */
    void seek(long newPosition) {
        position = newPosition;
    }

    /**
     * The entry at {@link #position()}, which must end at or before {@code limit}; moves past it.
     * On {@link EntryCodec.BadEntry} the position stays at the bad entry's start.
     */
    SpoolEntry next(long limit) throws IOException, EntryCodec.BadEntry {
        if (!fill(EntryCodec.PREFIX_BYTES, limit)) {
            throw new EntryCodec.BadEntry("only " + (limit - position) + " bytes left, too few for an entry");
        }
        int at = (int) (position - bufStart);
        int length = buf.getInt(at);
        int crc = buf.getInt(at + 4);
        if (length < EntryCodec.MIN_BODY_BYTES || length > EntryCodec.MAX_BODY_BYTES) {
            throw new EntryCodec.BadEntry("impossible entry length " + length);
        }
        int total = EntryCodec.PREFIX_BYTES + length;
        if (!fill(total, limit)) {
            throw new EntryCodec.BadEntry("entry of " + total + " bytes but only " + (limit - position) + " left");
        }
        at = (int) (position - bufStart);
        ByteBuffer body = buf.duplicate().position(at + EntryCodec.PREFIX_BYTES).limit(at + total);
        SpoolEntry entry = EntryCodec.decode(body, crc);
        position += total;
        return entry;
    }

    /** Makes [position, position + n) available in the buffer; false if that passes the limit or the file. */
    private boolean fill(int n, long limit) throws IOException {
        if (position + n > limit) {
            return false;
        }
        if (position >= bufStart && position + n <= bufStart + buf.limit()) {
            return true;
        }
        if (n > buf.capacity()) {
            buf = ByteBuffer.allocate(Math.max(n, 2 * buf.capacity()));
        }
        buf.clear().limit((int) Math.min(buf.capacity(), limit - position));
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) {
                break;  // the file is shorter than the limit: only on recovery of a damaged file
            }
        }
        buf.flip();
        bufStart = position;
        return buf.limit() >= n;
    }
}
