package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@link Spool.Reader}: positional reads on a channel of the reader's own, so they never move or
 * close anything the appender uses (an interrupt closes a FileChannel). It seeks through the
 * segments' sparse index and then reads forward through a buffer.
 */
final class SequentialReader implements Spool.Reader {
    private final Spool spool;
    private long next;
    /*
     * Where the cursor reads; all three null until positioned. Only the reading thread uses them,
     * except that close() may close the channel from another thread.
     */
    private Segment segment;
    private volatile FileChannel channel;
    private SegmentCursor cursor;
    private volatile boolean closed;

    SequentialReader(Spool spool, long fromOffset) {
        this.spool = spool;
        this.next = fromOffset;
    }

    @Override
    public long position() {
        return next;
    }

    @Override
    public SpoolEntry next() throws IOException {
        if (closed) {
            throw new IOException("spool reader is closed");
        }
        spool.ensureOpen();
        if (next >= spool.nextOffset()) {
            return null;
        }
        // The entry exists: its segment was published before nextOffset, its bytes before both.
        try {
            if (cursor != null && cursor.position() >= segment.size()) {
                Segment finished = segment;  // the entry is in a later segment
                release();
                seek();
                if (segment == finished) {
                    throw new IllegalStateException("spool offset " + next + " is not where it should be");
                }
            } else if (cursor == null) {
                seek();
            }
            return read();
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    private SpoolEntry read() throws IOException {
        SpoolEntry entry = readExpecting(next);
        next++;
        return entry;
    }

    private SpoolEntry readExpecting(long offset) throws IOException {
        long at = cursor.position();
        SpoolEntry entry;
        try {
            entry = cursor.next(segment.size());
        } catch (EntryCodec.BadEntry bad) {
            throw new SpoolCorruptedException(segment.path, at, bad.getMessage());
        }
        if (entry.offset() != offset) {
            throw new SpoolCorruptedException(segment.path, at, "entry has offset " + entry.offset() + ", expected "
                    + offset);
        }
        return entry;
    }

    /** Opens the segment that holds {@link #next} and moves the cursor to that entry. */
    private void seek() throws IOException {
        for (;;) {
            Map.Entry<Long, Segment> found = spool.segments.floor(next);
            if (found == null) {  // deleted after acknowledgement: carry on with what is kept
                found = spool.segments.first();
                next = found.getKey();
            }
            Segment s = found.getValue();
            FileChannel ch;
            try {
                ch = FileChannel.open(s.path, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                if (spool.segments.contains(s)) {
                    throw e;  // not deleted by the spool: someone removed it
                }
                continue;
            }
            segment = s;
            channel = ch;
            cursor = new SegmentCursor(ch);
            if (closed) {  // closed from another thread while this one opened the channel
                throw new IOException("spool reader is closed");
            }
            Map.Entry<Long, Long> near = s.indexFloor(next);
            cursor.seek(near.getValue());
            for (long skip = near.getKey(); skip < next; skip++) {  // at most an index interval of bytes
                readExpecting(skip);
            }
            return;
        }
    }

    /** Drops the current segment's channel; the next call positions again from {@link #next}. */
    private void release() {
        segment = null;
        cursor = null;
        closeChannel();
    }

    private void closeChannel() {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeChannel();  // not release(): another thread may be in next(), which cleans up itself
        spool.forget(this);
    }
}
