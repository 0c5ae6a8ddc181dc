package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Rebuilds the spool's state from its directory (rules in SPOOL.md, "Recovery"): reads and checks
 * every entry of every segment, cuts a torn tail off the last one, and works out the offsets.
 * The last segment comes back open for appends.
 */
final class Recovery {
    final List<Segment> segments = new ArrayList<>();
    long nextOffset;
    long acknowledged;
    /** The offset in the checkpoint file, or {@link Checkpoint#NONE} / {@link Checkpoint#DAMAGED}. */
    long checkpoint;
    RecoveryReport report;

    private long truncatedBytes;

    private Recovery() {
    }

    static Recovery run(Path dir, Forcer forcer) throws IOException {
        Recovery r = new Recovery();
        try {
            r.recover(dir, forcer);
            return r;
        } catch (IOException | RuntimeException e) {
            for (Segment s : r.segments) {
                try {
                    s.close();
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
    }

    private void recover(Path dir, Forcer forcer) throws IOException {
        Files.deleteIfExists(dir.resolve(Checkpoint.TEMP));  // a checkpoint write that never got renamed
        checkpoint = Checkpoint.read(dir);
        TreeMap<Long, Path> files = segmentFiles(dir);
        long expected = -1;
        for (Map.Entry<Long, Path> f : files.entrySet()) {
            long base = f.getKey();
            if (expected >= 0 && base != expected) {
                throw new SpoolCorruptedException(f.getValue(), 0, "segment starts at offset " + base
                        + " but the one before ends at " + (expected - 1) + ": a segment is missing or overlaps");
            }
            expected = scan(base, f.getValue(), f.getKey().equals(files.lastKey()), forcer);
        }
        long ack = checkpoint >= -1 ? checkpoint : -1;
        if (files.isEmpty()) {
            nextOffset = ack + 1;  // everything was acknowledged and deleted: keep counting
        } else {
            nextOffset = expected;
            ack = Math.max(ack, files.firstKey() - 1);  // segments are deleted only once acknowledged
        }
        if (ack >= nextOffset || files.isEmpty()) {
            // Entries Kafka already acknowledged lost their bytes (a power loss under INTERVAL or NEVER):
            // their offsets must not be handed out again, or the sender would take new frames for
            // duplicates. Everything left is acknowledged, so start afresh after the acknowledgement.
            for (Segment s : segments) {
                s.delete();
            }
            segments.clear();
            nextOffset = ack + 1;
            segments.add(Segment.create(dir, nextOffset));
            forcer.forceDirectory(dir);
        }
        acknowledged = ack;
        long entries = nextOffset - segments.get(0).baseOffset;
        report = new RecoveryReport(segments.size(), entries, truncatedBytes, checkpoint == Checkpoint.DAMAGED);
    }

    private static TreeMap<Long, Path> segmentFiles(Path dir) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                Matcher m = Segment.NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    files.put(Long.parseLong(m.group(1)), p);
                }
            }
        }
        return files;
    }

    /** Checks one segment and adds it; returns the offset after its last entry. */
    private long scan(long base, Path path, boolean last, Forcer forcer) throws IOException {
        FileChannel channel = last
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        try {
            Segment segment = Segment.existing(base, path, last ? channel : null);
            long fileSize = channel.size();
            SegmentCursor cursor = new SegmentCursor(channel);
            long next = base;
            while (cursor.position() < fileSize) {
                long at = cursor.position();
                SpoolEntry e;
                try {
                    e = cursor.next(fileSize);
                } catch (EntryCodec.BadEntry bad) {
                    if (!last) {
                        throw new SpoolCorruptedException(path, at, bad.getMessage());
                    }
                    // A torn tail: the write of the last entries was cut short (crash or power loss).
                    // Whatever follows the first bad entry of the last segment cannot be framed
                    // reliably, and nothing after it was ever reported as appended and durable.
                    channel.truncate(at);
                    forcer.force(path, channel, true);
                    truncatedBytes += fileSize - at;
                    break;
                }
                if (e.offset() != next) {
                    throw new SpoolCorruptedException(path, at, "entry has offset " + e.offset() + ", expected " + next);
                }
                segment.recovered(next, at, cursor.position());
                next++;
            }
            if (!last) {
                channel.close();
            }
            segments.add(segment);
            return next;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
