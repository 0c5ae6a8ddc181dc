package dev.acumat.analytics.stream;

import static dev.acumat.analytics.stream.GatewayRecords.anchor;
import static dev.acumat.analytics.stream.GatewayRecords.frames;
import static dev.acumat.analytics.stream.GatewayRecords.record;
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
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records on acumat.frames that no gateway of ours wrote (foreign keys, headers and values):
 * each is a counted drop, never an exception, and the mats around them are analysed as if
 * they were not there. The fuzzer is seeded: a failure reproduces with the seed it names.
 */
class ForeignRecordsTopologyTest {
    private static final String MAT = "mat-t";
    private static final String ANCHOR = PipelineHeaders.CLOCK_ANCHOR_US;
    private static final List<String> OUTPUT_TOPICS = List.of(Topics.CONTACT,
            Topics.SESSIONS, Topics.POSTURE_SHIFTS, Topics.MATS);

    @TempDir
    Path stateDir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void countDrops() {
        // MatProcessor counts in the global registry, which holds no registry of its own in tests.
        Metrics.globalRegistry.add(registry);
    }

    @AfterEach
    void stopCounting() {
        Metrics.globalRegistry.remove(registry);
    }

    private double dropped() {
        return registry.counter("acumat.analytics.frames.dropped").count();
    }

    private TopologyTestDriver driver(String name) {
        return GatewayRecords.driver(AnalyticsTopology.build(), stateDir.resolve(name));
    }

    /** A mat's records as the gateway writes them: its device-info, then its frames with the clock anchor. */
    private static List<TestRecord<String, byte[]>> validMat(int frames) {
        SyntheticMat mat = Scenarios.create("still", 25, 5);
        DeviceInfo info = mat.deviceInfo(MAT);
        int[] values = new int[info.cells()];
        List<TestRecord<String, byte[]>> out = new ArrayList<>();
        out.add(record(MAT, info, 0));
        for (int i = 0; i < frames && mat.next(values); i++) {
            long device = i * 40_000L;
            out.add(record(MAT, new PressureFrame(i, device, info.rows(), info.cols(), values), device));
        }
        return out;
    }

    /** Every record of the output topics, by topic, as keys and values: what a run of the topology said. */
    private static List<String> outputs(TopologyTestDriver d) {
        List<String> out = new ArrayList<>();
        for (String topic : OUTPUT_TOPICS) {
            d.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList()
                    .forEach(r -> out.add(topic + " " + r.key() + " " + r.timestamp() + " " + Arrays.toString(r.value())));
        }
        return out;
    }

    /** What the topology says of the valid mat alone. */
    private List<String> baseline(List<TestRecord<String, byte[]>> valid) {
        try (TopologyTestDriver d = driver("baseline")) {
            frames(d).pipeRecordList(valid);
            return outputs(d);
        }
    }

    @Test
    void aPoisonRecordIsACountedDropAndTheMatsAfterItAreAnalysed() {
        List<TestRecord<String, byte[]>> valid = validMat(600);
        List<String> expected = baseline(valid);
        assertThat(expected).as("the valid mat says something").isNotEmpty();
        byte[] info = valid.get(0).value();
        Instant t = valid.get(0).getRecordTime();
        // Before this was a drop, the first two threw: the key was trusted to rebuild the device-info.
        List<TestRecord<String, byte[]>> poison = List.of(
                new TestRecord<>(null, info, anchor(), t),
                new TestRecord<>("mat t/../x", info, anchor(), t),
                new TestRecord<>(MAT, "{\"mat\":\"mat-t\",\"cells\":[1,2,3]}".getBytes(StandardCharsets.UTF_8), anchor(), t),
                new TestRecord<>(MAT, (byte[]) null, anchor(), t));
        try (TopologyTestDriver d = driver("poison")) {
            TestInputTopic<String, byte[]> in = frames(d);
            double before = dropped();
            int share = valid.size() / poison.size();
            for (int i = 0; i < poison.size(); i++) {
                in.pipeInput(poison.get(i));
                in.pipeRecordList(valid.subList(i * share, i == poison.size() - 1 ? valid.size() : (i + 1) * share));
            }
            assertThat(outputs(d)).isEqualTo(expected);
            assertThat(dropped() - before).isEqualTo(poison.size());
        }
    }

    @Test
    void fuzzedForeignRecordsAreEachDroppedAndCountedAndTheValidMatLosesNothing() {
        long seed = 0x5eed_acL;
        Random random = new Random(seed);
        List<TestRecord<String, byte[]>> valid = validMat(1500);
        List<String> expected = baseline(valid);
        DeviceInfo info = Scenarios.create("still", 25, 5).deviceInfo(MAT);
        List<TestRecord<String, byte[]>> mixed = new ArrayList<>();
        int foreign = 0;
        for (TestRecord<String, byte[]> r : valid) {
            for (int n = random.nextInt(3); n > 0; n--) {
                mixed.add(foreignRecord(random, info, r.getRecordTime()));
                foreign++;
            }
            mixed.add(r);
        }
        try (TopologyTestDriver d = driver("fuzz")) {
            TestInputTopic<String, byte[]> in = frames(d);
            double before = dropped();
            for (int i = 0; i < mixed.size(); i++) {
                TestRecord<String, byte[]> r = mixed.get(i);
                assertThatCode(() -> in.pipeInput(r)).as("record %d of seed %x: key %s", i, seed, r.key())
                        .doesNotThrowAnyException();
            }
            assertThat(outputs(d)).as("seed %x", seed).isEqualTo(expected);
            assertThat(dropped() - before).as("seed %x", seed).isEqualTo(foreign);
        }
    }

    /** A record no gateway of ours writes: a foreign key, or a value the valid mat's key cannot carry. */
    private static TestRecord<String, byte[]> foreignRecord(Random random, DeviceInfo info, Instant time) {
        String key = ForeignKeys.next(random, MAT);
        boolean badKey = !ForeignKeys.isMatId(key);
        return new TestRecord<>(key, foreignValue(random, info, badKey), foreignHeaders(random),
                time.plusMillis(random.nextInt(2000) - 1000));
    }

    /** Anything but the valid mat's own device-info and frames: those only under a key that is no mat id. */
    private static byte[] foreignValue(Random random, DeviceInfo info, boolean badKey) {
        byte[] frame = MessageWriter.toBytes(new PressureFrame(random.nextInt(1000), random.nextInt(1_000_000),
                info.rows(), info.cols(), new int[info.cells()]));
        int kinds = badKey ? 11 : 9;
        return switch (random.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> bytes(random, random.nextInt(64));
            case 3 -> bytes(random, 300_000);
            case 4 -> "{\"matId\":\"mat-t\",\"rows\":4,\"cells\":[0,1,2]}".getBytes(StandardCharsets.UTF_8);
            case 5 -> Arrays.copyOf(frame, random.nextInt(frame.length));
            case 6 -> {
                byte[] longer = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(100));
                longer[frame.length] = (byte) random.nextInt();
                yield longer;
            }
            case 7 -> MessageWriter.toBytes(new PressureFrame(1, 0, info.rows() + 1, info.cols(),
                    new int[(info.rows() + 1) * info.cols()]));
            case 8 -> MessageWriter.toBytes(InfoRequest.INSTANCE);
            case 9 -> MessageWriter.toBytes(info);
            default -> frame;
        };
    }

    private static Headers foreignHeaders(Random random) {
        RecordHeaders headers = new RecordHeaders();
        switch (random.nextInt(7)) {
            case 0 -> { }
            case 1 -> headers.add(ANCHOR, null);
            case 2 -> headers.add(ANCHOR, new byte[0]);
            case 3 -> headers.add(ANCHOR, bytes(random, 8));  // a binary long, not the decimal text
            case 4 -> headers.add(ANCHOR, "-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            case 5 -> headers.add(ANCHOR, "9223372036854775807".getBytes(StandardCharsets.US_ASCII));
            default -> headers.add(new String(bytes(random, 5), StandardCharsets.ISO_8859_1), bytes(random, 20));
        }
        return headers;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
