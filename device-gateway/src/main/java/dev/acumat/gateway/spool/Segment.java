package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * One segment file: whole entries with contiguous offsets from {@link #baseOffset}, which names
 * the file. The active segment (the last) holds a channel for appends; sealed ones hold none
 * (readers open their own, so an interrupt in a reader can never close the appender's channel).
 *
 * <p>Appends happen on one thread under the spool's lock; {@link #size()} and {@link #force}
 * may be called from any thread.
 */
final class Segment {
    static final String SUFFIX = ".spool";
    static final Pattern NAME = Pattern.compile("(\\d{20})\\.spool");
    static final int INDEX_INTERVAL_BYTES = 64 * 1024;

    final long baseOffset;
    final Path path;
    /** Committed bytes: everything below is whole, finished entries that readers may read. */
    private volatile long size;
    /** Open for appends while this is the active segment, else null. */
    private volatile FileChannel channel;
    /**
     * Offset to file position of one entry in every {@link #INDEX_INTERVAL_BYTES} or so, so that a
     * reader seeking an offset reads at most that much. In memory only: recovery rebuilds it.
     */
    private final ConcurrentSkipListMap<Long, Long> index = new ConcurrentSkipListMap<>();
    private long lastIndexed = -INDEX_INTERVAL_BYTES;  // appending thread only

    private Segment(long baseOffset, Path path, long size, FileChannel channel) {
        this.baseOffset = baseOffset;
        this.path = path;
        this.size = size;
        this.channel = channel;
    }

    static String fileName(long baseOffset) {
        return String.format("%020d%s", baseOffset, SUFFIX);
    }

    /** A new, empty active segment. */
    static Segment create(Path dir, long baseOffset) throws IOException {
        Path path = dir.resolve(fileName(baseOffset));
        return new Segment(baseOffset, path, 0, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    /**
     * An existing file found on recovery, empty until {@link #recovered} counts its entries in;
     * {@code channel} is null unless it is to take appends.
     */
    static Segment existing(long baseOffset, Path path, FileChannel channel) {
        return new Segment(baseOffset, path, 0, channel);
    }

    /** Recovery found a good entry with this offset from {@code position} to {@code end}. */
    void recovered(long offset, long position, long end) {
        indexEntry(offset, position);
        size = end;
    }

    long size() {
        return size;
    }

    /** Sealed by a roll that then failed to create the next segment: the next append rolls again. */
    boolean isSealed() {
        return channel == null;
    }

    private void indexEntry(long offset, long position) {
        if (position - lastIndexed >= INDEX_INTERVAL_BYTES) {
            index.put(offset, position);
            lastIndexed = position;
        }
    }

    /** The indexed entry nearest at or before {@code offset}, as offset and position. */
    Map.Entry<Long, Long> indexFloor(long offset) {
        Map.Entry<Long, Long> e = index.floorEntry(offset);
        return e != null ? e : Map.entry(baseOffset, 0L);
    }

    /**
     * Writes one encoded entry at the end, forcing it first when {@code forcer} is given, and only
     * then counts it committed. If anything fails the file is cut back, so a refused entry never
     * stays behind a later one.
     */
    void append(ByteBuffer entry, long offset, Forcer forcer) throws IOException {
        long start = size;
        try {
            reopenIfClosed();
            long at = start;
            while (entry.hasRemaining()) {
                at += channel.write(entry, at);
            }
            if (forcer != null) {
                forcer.force(path, channel, false);
            }
            indexEntry(offset, start);
            size = at;
        } catch (IOException e) {
            try {
                reopenIfClosed();
                channel.truncate(start);
            } catch (IOException again) {
                // The next append overwrites the stale bytes, sealing cuts them off, and so does
                // recovery (as a torn tail) if the process dies first.
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * An interrupt during a write or force closes a FileChannel. The appending thread being
     * interrupted must cost that one append, not the spool, so the next append reopens it.
     */
    private void reopenIfClosed() throws IOException {
        if (channel == null) {
            throw new IOException("segment " + path + " is sealed");
        }
        if (!channel.isOpen()) {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    /** Forces appended bytes; false if the segment was sealed meanwhile (sealing forced it). */
    boolean force(Forcer forcer) throws IOException {
        FileChannel ch = channel;
        if (ch == null) {
            return false;
        }
        try {
            forcer.force(path, ch, false);
            return true;
        } catch (ClosedChannelException sealedMeanwhile) {
            return false;
        }
    }

    /**
     * Forces and closes the channel: no more appends. Always forced, whatever the policy, since
     * recovery takes damage inside a sealed segment for corruption rather than a torn tail.
     * Idempotent.
     */
    void seal(Forcer forcer) throws IOException {
        if (channel == null) {
            return;
        }
        reopenIfClosed();
        channel.truncate(size);  // nothing to cut unless a failed append could not cut back itself
        forcer.force(path, channel, false);
        close();
    }

    /** Closes without forcing (the spool forces what its policy asks before). */
    void close() throws IOException {
        FileChannel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    @Override
    public String toString() {
        return path.getFileName() + "[" + size + " bytes]";
    }
}
