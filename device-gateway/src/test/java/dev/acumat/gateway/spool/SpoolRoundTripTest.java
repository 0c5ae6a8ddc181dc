package dev.acumat.gateway.spool;

import static dev.acumat.gateway.spool.SpoolTesting.TOPIC;
import static dev.acumat.gateway.spool.SpoolTesting.appendNumbered;
import static dev.acumat.gateway.spool.SpoolTesting.config;
import static dev.acumat.gateway.spool.SpoolTesting.readAll;
import static dev.acumat.gateway.spool.SpoolTesting.segmentNames;
import static dev.acumat.gateway.spool.SpoolTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.contract.Topics;
import dev.acumat.time.ManualTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRoundTripTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(0, 1_700_000_000_000L);

    @Test
    void entriesComeBackExactlyAsAppended() throws IOException {
        byte[] large = new byte[131_100];  // the largest firmware message
        new SplittableRandom(7).nextBytes(large);
        List<SpoolEntry.Header> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new SpoolEntry.Header("h" + i, i % 7 == 0 ? null : ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        try (Spool spool = Spool.open(dir, config(4 << 20, 1 << 20), time)) {
            List<SpoolEntry> appended = new ArrayList<>();
            appended.add(spool.append(TOPIC, new byte[0], new byte[0], 5, List.of()));
            appended.add(spool.append(TOPIC, null, null, 6, null));
            time.advance(java.time.Duration.ofMillis(40));
            appended.add(spool.append(Topics.DEVICE_HEALTH, "mat-ü".getBytes(StandardCharsets.UTF_8), large,
                    Long.MIN_VALUE, List.of(new SpoolEntry.Header("", new byte[0]))));
            appended.add(spool.append(TOPIC, new byte[] {1}, new byte[] {0, -1}, Long.MAX_VALUE, many));

            assertThat(appended).extracting(SpoolEntry::offset).containsExactly(0L, 1L, 2L, 3L);
            assertThat(appended.get(2).appendTimeMillis()).isEqualTo(1_700_000_000_040L);
            assertThat(readAll(spool, 0)).containsExactlyElementsOf(appended);
            assertThat(spool.read(2)).isEqualTo(appended.get(2));
            assertThat(spool.read(2).value()).isEqualTo(large);
            assertThat(spool.read(1).key()).isNull();
            assertThat(spool.read(3).headers()).isEqualTo(many);
        }
    }

    @Test
    void offsetsStayContiguousAcrossSegmentRollsAndSegmentsAreNamedByTheirFirstOffset() throws IOException {
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            for (int i = 0; i < 200; i++) {
                assertThat(appendNumbered(spool, i).offset()).isEqualTo(i);
            }
            List<SpoolEntry> all = readAll(spool, 0);
            assertThat(all).extracting(SpoolEntry::offset).containsExactlyElementsOf(range(0, 200));
            assertThat(all).allSatisfy(e -> assertThat(e.value()).isEqualTo(value(e.offset())));
            List<String> names = segmentNames(dir);
            assertThat(names).hasSizeGreaterThan(5).first().isEqualTo("00000000000000000000.spool");
            for (String name : names) {
                long base = Long.parseLong(name.substring(0, 20));
                assertThat(spool.read(base).offset()).isEqualTo(base);  // each file starts with its own offset
            }
            assertThat(segmentFilesBytes()).isEqualTo(spool.sizeBytes());
        }
    }

    @Test
    void reopeningRestoresEntriesOffsetsAndTheAcknowledgement() throws IOException {
        List<SpoolEntry> before;
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            for (int i = 0; i < 100; i++) {
                appendNumbered(spool, i);
            }
            spool.acknowledge(41);
            before = readAll(spool, 42);
        }
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            assertThat(spool.acknowledged()).isEqualTo(41);
            assertThat(spool.nextOffset()).isEqualTo(100);
            assertThat(spool.pendingEntries()).isEqualTo(58);
            assertThat(spool.recovery().truncatedBytes()).isZero();
            assertThat(spool.recovery().checkpointDiscarded()).isFalse();
            assertThat(readAll(spool, 42)).isEqualTo(before);
            assertThat(appendNumbered(spool, 100).offset()).isEqualTo(100);
        }
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            assertThat(readAll(spool, 99)).extracting(SpoolEntry::offset).containsExactly(99L, 100L);
        }
    }

    @Test
    void aReaderStartedBeforeAppendsSeesThemAndAwaitAppendWakes() throws Exception {
        try (Spool spool = Spool.open(dir, config(1 << 20, 4096), time);
             Spool.Reader reader = spool.reader(0)) {
            assertThat(reader.next()).isNull();
            assertThat(spool.awaitAppend(-1, 0, TimeUnit.SECONDS)).isFalse();

            AtomicBoolean woke = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    woke.set(spool.awaitAppend(-1, 1, TimeUnit.HOURS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            waiter.start();
            while (waiter.getState() != Thread.State.TIMED_WAITING) {  // it is parked inside awaitAppend
                Thread.onSpinWait();
            }
            appendNumbered(spool, 0);
            waiter.join();
            assertThat(woke).isTrue();

            assertThat(reader.next().offset()).isZero();
            assertThat(reader.next()).isNull();
            for (int i = 1; i < 300; i++) {  // through several rolls while the reader follows
                appendNumbered(spool, i);
                assertThat(reader.next().value()).isEqualTo(value(i));
                assertThat(reader.next()).isNull();
            }
            assertThat(spool.awaitAppend(298, 0, TimeUnit.SECONDS)).isTrue();
            assertThat(spool.awaitAppend(299, 0, TimeUnit.SECONDS)).isFalse();
            assertThat(reader.position()).isEqualTo(300);
        }
    }

    @Test
    void aReaderOrReadFromTheMiddleOfABigSegmentFindsItsEntry() throws IOException {
        try (Spool spool = Spool.open(dir, config(64 << 20, 16 << 20), time)) {
            for (int i = 0; i < 20_000; i++) {
                appendNumbered(spool, i);
            }
            assertThat(segmentNames(dir)).hasSize(1);
            for (long at : new long[] {0, 1, 4_321, 12_345, 19_999}) {
                assertThat(spool.read(at).value()).isEqualTo(value(at));
                try (Spool.Reader r = spool.reader(at)) {
                    assertThat(r.next().offset()).isEqualTo(at);
                }
            }
            assertThatThrownBy(() -> spool.read(20_000)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> spool.reader(20_001)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClosedSpoolRefusesWorkAndClosingTwiceIsFine() throws IOException {
        Spool spool = Spool.open(dir, config(1 << 20, 4096), time);
        Spool.Reader reader = spool.reader(0);
        appendNumbered(spool, 0);
        spool.close();
        spool.close();
        assertThatThrownBy(() -> appendNumbered(spool, 1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(spool::sync).isInstanceOf(IOException.class);
        assertThat(spool.nextOffset()).isEqualTo(1);
    }

    private long segmentFilesBytes() throws IOException {
        long total = 0;
        for (Path p : SpoolTesting.segmentFiles(dir)) {
            total += java.nio.file.Files.size(p);
        }
        return total;
    }

    static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
