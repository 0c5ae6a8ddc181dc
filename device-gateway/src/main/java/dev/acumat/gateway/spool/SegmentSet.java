package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The spool's segments, oldest first, the last one active, and their total size. Changed only
 * under the spool's lock; readers look segments up without it (the map is concurrent, the
 * active segment and the size are volatile).
 */
final class SegmentSet {
    private final Path dir;
    private final ConcurrentSkipListMap<Long, Segment> byBase = new ConcurrentSkipListMap<>();
    private volatile Segment active;
    private volatile long sizeBytes;

    /** @param recovered at least one segment, oldest first */
    SegmentSet(Path dir, List<Segment> recovered) {
        this.dir = dir;
        for (Segment s : recovered) {
            byBase.put(s.baseOffset, s);
            sizeBytes += s.size();
        }
        this.active = byBase.lastEntry().getValue();
    }

    Segment active() {
        return active;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    long firstOffset() {
        return byBase.firstKey();
    }

    void appended(int bytes) {
        sizeBytes += bytes;
    }

    /** The segment that holds {@code offset}, if kept; else null. */
    Map.Entry<Long, Segment> floor(long offset) {
        return byBase.floorEntry(offset);
    }

    Map.Entry<Long, Segment> first() {
        return byBase.firstEntry();
    }

    boolean contains(Segment s) {
        return byBase.get(s.baseOffset) == s;
    }

    /** Seals the active segment and starts the next at {@code nextOffset}. */
    Segment roll(long nextOffset, Forcer forcer, boolean forceDirectory) throws IOException {
        active.seal(forcer);
        Segment next = Segment.create(dir, nextOffset);
        byBase.put(next.baseOffset, next);
        active = next;  // before anything else can fail: a retry must not create the file again
        if (forceDirectory) {
            forcer.forceDirectory(dir);  // the new file's name, so its entries can survive a power loss
        }
        return next;
    }

    /**
     * Deletes the oldest segments while every entry in them is at most {@code acknowledged}; never
     * the active one. A reader that has a deleted segment open reads on (the file lives until it
     * closes it); one that comes later skips to the oldest kept entry.
     */
    void deleteAcknowledged(long acknowledged) throws IOException {
        for (Map.Entry<Long, Segment> first = byBase.firstEntry(); first.getValue() != active;
             first = byBase.firstEntry()) {
            if (byBase.higherKey(first.getKey()) - 1 > acknowledged) {
                return;
            }
            Segment s = first.getValue();
            byBase.remove(s.baseOffset);
            sizeBytes -= s.size();
            try {
                s.delete();
            } catch (IOException e) {
                byBase.put(s.baseOffset, s);  // still there: try again next time
                sizeBytes += s.size();
                throw e;
            }
        }
    }

    /** Closes every channel; forcing is the caller's business. */
    void closeAll() throws IOException {
        IOException failure = null;
        for (Segment s : byBase.values()) {
            try {
                s.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
