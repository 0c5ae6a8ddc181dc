package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.acumat.analytics.ForeignKeys;
import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.InfoRequest;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The live view's reading of records: committed ones only, and foreign ones skipped without a throw. */
class LiveFeedRecordsTest {
    private static final long ANCHOR_US = 1_790_000_000_000_000L;
    private static final String MAT = "mat-t";
    private static final String ANCHOR = PipelineHeaders.CLOCK_ANCHOR_US;
    private static final List<String> TOPICS = List.of(Topics.FRAMES, Topics.MATS,
            Topics.SESSIONS);

    @Test
    void theFeedReadsOnlyCommittedRecords() {
        assertThat(LiveFeed.consumerConfig("127.0.0.1:1")).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 0, 0, ANCHOR_US / 1000, TimestampType.CREATE_TIME, -1, -1, key, value,
                headers, Optional.empty());
    }

    /** A watched mat's device-info and frames, as the gateway writes them. */
    private static List<ConsumerRecord<String, byte[]>> validMat(int frames) {
        SyntheticMat mat = Scenarios.create("still", 25, 5);
        DeviceInfo info = mat.deviceInfo(MAT);
        int[] values = new int[info.cells()];
        RecordHeaders anchor = new RecordHeaders();
        anchor.add(ANCHOR, Long.toString(ANCHOR_US).getBytes(StandardCharsets.US_ASCII));
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        out.add(record(Topics.FRAMES, MAT, MessageWriter.toBytes(info), anchor));
        for (int i = 0; i < frames && mat.next(values); i++) {
            out.add(record(Topics.FRAMES, MAT, MessageWriter.toBytes(new PressureFrame(i, i * 40_000L,
                    info.rows(), info.cols(), values)), anchor));
        }
        return out;
    }

    /** What a browser watching the mat is sent when the feed reads {@code records}. */
    private static Browser watch(List<ConsumerRecord<String, byte[]>> records, List<LiveFeed.MatStatus> mats) {
        Browser browser = new Browser();
        try (LiveFeed feed = new LiveFeed("127.0.0.1:1")) {
            feed.watch(browser.client(MAT));
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, byte[]> r = records.get(i);
                assertThatCode(() -> feed.onRecord(r)).as("record %d: %s, key %s", i, r.topic(), r.key())
                        .doesNotThrowAnyException();
            }
            mats.addAll(feed.mats());
        }
        return browser;
    }

    @Test
    void fuzzedForeignRecordsAreSkippedAndTheWatchedMatLosesNothing() {
        Random random = new Random(0x11fe_acL);
        List<ConsumerRecord<String, byte[]>> valid = validMat(400);
        DeviceInfo info = Scenarios.create("still", 25, 5).deviceInfo(MAT);
        List<ConsumerRecord<String, byte[]>> mixed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : valid) {
            for (int n = random.nextInt(3); n > 0; n--) {
                mixed.add(foreignRecord(random, info));
            }
            mixed.add(r);
        }
        List<LiveFeed.MatStatus> mats = new ArrayList<>();
        Browser expected = watch(valid, new ArrayList<>());
        Browser fuzzed = watch(mixed, mats);
        assertThat(expected.frames).hasSize(valid.size() - 1);
        assertThat(fuzzed.texts).isEqualTo(expected.texts);
        assertThat(fuzzed.frames).hasSameSizeAs(expected.frames);
        for (int i = 0; i < expected.frames.size(); i++) {
            assertThat(fuzzed.frames.get(i)).as("frame %d", i).isEqualTo(expected.frames.get(i));
        }
        assertThat(mats).extracting(LiveFeed.MatStatus::mat).containsExactly(MAT);
    }

    /**
     * A record no service of ours writes, on any topic the feed reads: a foreign key, or under
     * a mat id a value that cannot change what the watched mat shows.
     */
    private static ConsumerRecord<String, byte[]> foreignRecord(Random random, DeviceInfo info) {
        String key = ForeignKeys.next(random, MAT);
        boolean badKey = !ForeignKeys.isMatId(key);
        String topic = TOPICS.get(random.nextInt(TOPICS.size()));
        if (!badKey && !topic.equals(Topics.FRAMES)) {
            // A mat's session and its announcement are whatever the analytics last said: not foreign.
            key = null;
            badKey = true;
        }
        byte[] frame = MessageWriter.toBytes(new PressureFrame(1, 0, info.rows(), info.cols(), new int[info.cells()]));
        byte[] value = switch (random.nextInt(badKey ? 10 : 8)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> bytes(random, random.nextInt(64));
            case 3 -> "{\"mat\":\"mat-t\",\"active\":true}".getBytes(StandardCharsets.UTF_8);
            case 4 -> Arrays.copyOf(frame, random.nextInt(frame.length));
            case 5 -> MessageWriter.toBytes(new PressureFrame(1, 0, info.rows() + 1, info.cols(),
                    new int[(info.rows() + 1) * info.cols()]));
            case 6 -> MessageWriter.toBytes(InfoRequest.INSTANCE);
            case 7 -> bytes(random, 300_000);
            case 8 -> MessageWriter.toBytes(new DeviceInfo(MAT, 1, 0, 0, 2, 2, 22_000, 22_000, 12, 40_000, 0,
                    List.of()));
            default -> frame;
        };
        RecordHeaders headers = new RecordHeaders();
        switch (random.nextInt(4)) {
            case 0 -> headers.add(ANCHOR, null);
            case 1 -> headers.add(ANCHOR, bytes(random, 8));
            case 2 -> headers.add(ANCHOR, "-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            default -> { }
        }
        return record(topic, key, value, headers);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
