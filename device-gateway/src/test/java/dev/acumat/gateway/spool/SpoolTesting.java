package dev.acumat.gateway.spool;

import dev.acumat.contract.Topics;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Shared pieces for the spool tests: a counting forcer, entries (their time is a ManualTime). */
final class SpoolTesting {
    static final String TOPIC = Topics.FRAMES;

    private SpoolTesting() {
    }

    /** Forces for real and counts the forces of segment files. */
    static final class CountingForcer implements Forcer {
        final AtomicInteger segmentForces = new AtomicInteger();

        @Override
        public void force(Path path, FileChannel channel, boolean metaData) throws IOException {
            if (path.getFileName().toString().endsWith(Segment.SUFFIX)) {
                segmentForces.incrementAndGet();
            }
            channel.force(metaData);
        }
    }

    static SpoolConfig config(long maxBytes, long segmentBytes) {
        return new SpoolConfig(maxBytes, segmentBytes, FsyncPolicy.NEVER, null);
    }

    /** A value that says which entry it belongs to, so a reader can check it got the right one. */
    static byte[] value(long i) {
        return ("frame " + i).getBytes(StandardCharsets.US_ASCII);
    }

    static SpoolEntry appendNumbered(Spool spool, long i) throws IOException {
        return spool.append(TOPIC, "mat-1".getBytes(StandardCharsets.US_ASCII), value(i), 1_000 + i,
                List.of(new SpoolEntry.Header("n", Long.toString(i).getBytes(StandardCharsets.US_ASCII))));
    }

    static List<SpoolEntry> readAll(Spool spool, long from) throws IOException {
        List<SpoolEntry> out = new ArrayList<>();
        try (Spool.Reader r = spool.reader(from)) {
            for (SpoolEntry e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(Segment.SUFFIX)).sorted().toList();
        }
    }

    static List<String> segmentNames(Path dir) throws IOException {
        return segmentFiles(dir).stream().map(p -> p.getFileName().toString()).toList();
    }
}
