package dev.acumat.gateway.spool;

import dev.acumat.time.Time;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded write-ahead log of Kafka records in one directory: the gateway appends every frame
 * it accepts, a sender reads them in order and acknowledges what Kafka has taken, and segments
 * that are wholly acknowledged are deleted. Format and guarantees: device-gateway/SPOOL.md.
 *
 * <p>Threads: appends are serialized by a lock inside (the gateway has one appending thread);
 * any thread may read through a {@link Reader} of its own, acknowledge (Kafka's callback thread
 * too: that only records the offset) and query. Deleting segments and writing the checkpoint
 * happen on a background daemon thread, on {@link #sync()}, on {@link #close()}, and in an
 * append that finds the spool full.
 */
public final class Spool implements Closeable {
    /** The spool's lock file: one gateway per spool directory (SPOOL.md). */
    static final String LOCK_FILE = "spool.lock";

    final Path dir;
    final SpoolConfig config;
    final Time time;
    final Forcer forcer;
    private final DirectoryLock dirLock;
    private final RecoveryReport recovery;
    private final Housekeeper housekeeper;

    final SegmentSet segments;
    /** Guards appends, rolls, deletions and closing. */
    private final ReentrantLock lock = new ReentrantLock();
    private final AppendSignal appended = new AppendSignal();
    /** Written after the entry's bytes are committed: a reader that sees it can read the entry. */
    private volatile long nextOffset;
    final AtomicLong acknowledged;
    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    /** The appender's encoding buffer, reused; guarded by {@link #lock}. */
    private ByteBuffer encoded = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean closed;

    private Spool(Path dir, SpoolConfig config, Time time, Forcer forcer, DirectoryLock dirLock, Recovery r) {
        this.dir = dir;
        this.config = config;
        this.time = time;
        this.forcer = forcer;
        this.dirLock = dirLock;
        this.recovery = r.report;
        this.segments = new SegmentSet(dir, r.segments);
        this.nextOffset = r.nextOffset;
        this.acknowledged = new AtomicLong(r.acknowledged);
        this.housekeeper = new Housekeeper(this, r.checkpoint);
    }

    /**
     * Opens the spool in {@code dir}, creating the directory if needed: takes its lock, recovers
     * the segments (a torn tail is cut off and counted in {@link #recovery()}) and the
     * acknowledged offset.
     *
     * @param time gives append times (its wall clock) and paces the fsync interval and checkpoints
     * @throws IOException "spool DIR is in use by another gateway" when another process or spool
     *                     holds it; {@link SpoolCorruptedException} when a sealed segment is damaged
     */
    public static Spool open(Path dir, SpoolConfig config, Time time) throws IOException {
        return open(dir, config, time, Forcer.DEFAULT);
    }

    static Spool open(Path dir, SpoolConfig config, Time time, Forcer forcer) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(time, "time");
        Files.createDirectories(dir);
        DirectoryLock dirLock;
        try {
            dirLock = DirectoryLock.acquire(dir, LOCK_FILE, null);
        } catch (DirectoryLock.InUseException e) {
            throw new IOException("spool " + dir + " is in use by another gateway", e);
        }
        try {
            Spool spool = new Spool(dir, config, time, forcer, dirLock, Recovery.run(dir, forcer));
            spool.housekeeper.start();
            return spool;
        } catch (IOException | RuntimeException e) {
            dirLock.close();
            throw e;
        }
    }

    /**
     * Appends one record and gives it the next offset. When this returns, the entry is visible to
     * readers and, under {@link FsyncPolicy#ALWAYS}, on disk.
     *
     * @param key     may be null
     * @param value   may be null
     * @param headers may be null for none
     * @throws SpoolFullException       when the entry would take the spool past its max bytes even
     *                                  after deleting acknowledged segments; nothing was written
     * @throws IllegalArgumentException when the entry is larger than a segment
     * @throws IOException              when writing failed; the entry was not appended
     */
    public SpoolEntry append(String topic, byte[] key, byte[] value, long timestampMillis,
                             List<SpoolEntry.Header> headers) throws IOException {
        SpoolEntry entry;
        lock.lock();
        try {
            ensureOpen();
            entry = new SpoolEntry(nextOffset, time.currentTimeMillis(), topic, key, value, timestampMillis, headers);
            encoded = EntryCodec.encode(encoded, entry.offset(), entry.appendTimeMillis(), topic, key, value,
                    timestampMillis, entry.headers());
            int size = encoded.remaining();
            if (size > config.segmentBytes()) {
                throw new IllegalArgumentException("spool entry of " + size + " bytes is larger than the segment bytes "
                        + config.segmentBytes());
            }
            Segment segment = segments.active();
            if (segment.isSealed() || segment.size() > 0 && segment.size() + size > config.segmentBytes()) {
                segment = segments.roll(entry.offset(), forcer, config.fsync() != FsyncPolicy.NEVER);
            }
            if (segments.sizeBytes() + size > config.maxBytes()) {
                segments.deleteAcknowledged(acknowledged.get());
                if (segments.sizeBytes() + size > config.maxBytes()) {
                    throw new SpoolFullException(size, segments.sizeBytes(), config.maxBytes());
                }
            }
            segment.append(encoded, entry.offset(), config.fsync() == FsyncPolicy.ALWAYS ? forcer : null);
            segments.appended(size);
            nextOffset = entry.offset() + 1;
            housekeeper.appended();
        } finally {
            lock.unlock();
        }
        appended.signal();  // after nextOffset was written: see AppendSignal
        return entry;
    }

    /**
     * Deletes segments whose every entry is acknowledged. Cheap (an unlink each) but under the
     * append lock, so acknowledge() leaves it to the housekeeper.
     */
    void deleteAcknowledgedSegments() throws IOException {
        lock.lock();
        try {
            segments.deleteAcknowledged(acknowledged.get());
        } finally {
            lock.unlock();
        }
    }

    /**
     * A reader from {@code fromOffset}, at most {@link #nextOffset()}: usually
     * {@code acknowledged() + 1}. Close it when done; the spool closes those left open.
     */
    public Reader reader(long fromOffset) {
        if (fromOffset < 0 || fromOffset > nextOffset) {
            throw new IllegalArgumentException("spool reader offset " + fromOffset + " is outside 0.." + nextOffset);
        }
        Reader reader = new SequentialReader(this, fromOffset);
        readers.add(reader);
        return reader;
    }

    void forget(Reader reader) {
        readers.remove(reader);
    }

    /**
     * The entry at {@code offset}; it must be kept (not deleted after acknowledgement). Seeks
     * through an in-memory index, so it reads at most about 64 KiB.
     *
     * @throws IllegalArgumentException when the spool does not hold that offset
     */
    public SpoolEntry read(long offset) throws IOException {
        ensureOpen();
        if (offset >= 0 && offset < nextOffset) {
            try (Reader r = new SequentialReader(this, offset)) {
                SpoolEntry entry = r.next();
                if (entry != null && entry.offset() == offset) {
                    return entry;
                }
            }
        }
        throw new IllegalArgumentException("spool offset " + offset + " is not kept: the spool holds "
                + segments.firstOffset() + " up to " + nextOffset + " (exclusive)");
    }

    /**
     * Waits until an entry with an offset above {@code afterOffset} has been appended, the timeout
     * passes or the spool closes.
     *
     * @return true if there is such an entry
     */
    public boolean awaitAppend(long afterOffset, long timeout, TimeUnit unit) throws InterruptedException {
        return nextOffset - 1 > afterOffset
                || appended.await(() -> nextOffset - 1 > afterOffset || closed, unit.toNanos(timeout))
                && nextOffset - 1 > afterOffset;
    }

    /**
     * Records that every entry up to {@code upToOffset} is safely in Kafka. Only stores the number:
     * the housekeeper persists it (at most once a second) and deletes the segments it frees, so
     * this is safe to call from Kafka's callback thread. Lower offsets than already acknowledged
     * are ignored.
     *
     * @throws IllegalArgumentException when the offset was never appended
     * @throws IOException              reporting once a failure of the background work since the
     *                                  last call (the offset is recorded all the same)
     */
    public void acknowledge(long upToOffset) throws IOException {
        ensureOpen();
        if (upToOffset < -1 || upToOffset >= nextOffset) {
            throw new IllegalArgumentException("cannot acknowledge spool offset " + upToOffset + ": next offset is "
                    + nextOffset);
        }
        acknowledged.accumulateAndGet(upToOffset, Math::max);
        housekeeper.rethrowFailure();
    }

    /** The highest acknowledged offset, -1 when nothing was ever acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** The offset the next append gets. */
    public long nextOffset() {
        return nextOffset;
    }

    /** Appended entries not yet acknowledged. */
    public long pendingEntries() {
        return Math.max(0, nextOffset - acknowledged.get() - 1);
    }

    /** Bytes in segment files, including acknowledged segments not deleted yet. */
    public long sizeBytes() {
        return segments.sizeBytes();
    }

    /** What opening found and repaired. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /**
     * Does now, whatever the policy, what would otherwise wait: forces appended entries to disk,
     * persists the acknowledged offset and deletes wholly acknowledged segments.
     */
    public void sync() throws IOException {
        ensureOpen();
        housekeeper.rethrowFailure();
        housekeeper.runNow();
    }

    /** Syncs, writes the checkpoint, closes readers and releases the directory. Idempotent. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        housekeeper.stop();  // waits for a running step, which may need the lock
        appended.signal();
        for (Reader r : readers) {
            r.close();
        }
        try {
            housekeeper.runNow();  // outside the lock: the housekeeper takes it after its own
        } finally {
            lock.lock();
            try {
                segments.active().seal(forcer);
            } finally {
                try {
                    segments.closeAll();
                } finally {
                    lock.unlock();
                    dirLock.close();
                }
            }
        }
    }

    Housekeeper housekeeper() {
        return housekeeper;
    }

    boolean isClosed() {
        return closed;
    }

    void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("spool " + dir + " is closed");
        }
    }

    /**
     * Reads the spool's entries in offset order while they are being appended; for one thread.
     * Entries whose segment was deleted before the reader got to them were acknowledged, so it
     * goes on with the oldest entry kept. Every entry's CRC and offset are checked: damage throws
     * {@link SpoolCorruptedException}. After an I/O error the next call tries the same offset again.
     */
    public interface Reader extends Closeable {
        /**
         * The next entry, or null when the reader has caught up with the appender: then it costs one
         * volatile read and no I/O. {@link Spool#awaitAppend} waits for more.
         */
        SpoolEntry next() throws IOException;

        /** The offset of the entry {@link #next()} returns next. */
        long position();

        /** Closes its file channel. Idempotent. */
        @Override
        void close();
    }
}
