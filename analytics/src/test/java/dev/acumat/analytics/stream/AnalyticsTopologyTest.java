package dev.acumat.analytics.stream;

import static dev.acumat.analytics.stream.GatewayRecords.ANCHOR_US;
import static dev.acumat.analytics.stream.GatewayRecords.frames;
import static dev.acumat.analytics.stream.GatewayRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.SessionPoint;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.FrameTruth;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver() {
        return GatewayRecords.driver(AnalyticsTopology.build(), stateDir);
    }

    /** Feeds a scenario as the gateway would: device-info first, then frames with the clock anchor. */
    private static final class Feeder {
        final SyntheticMat mat;
        final DeviceInfo info;
        final int[] values;
        long index;
        final List<FrameTruth> truth = new ArrayList<>();

        Feeder(String scenario) {
            mat = Scenarios.create(scenario, 25, 5);
            info = mat.deviceInfo("mat-t");
            values = new int[info.cells()];
        }

        void feed(TestInputTopic<String, byte[]> in, long frames) {
            if (index == 0) {
                in.pipeInput(record("mat-t", info, 0));
            }
            for (long n = 0; n < frames && mat.next(values); n++, index++) {
                long device = index * 40_000;
                PressureFrame f = new PressureFrame(index, device, info.rows(), info.cols(), values);
                truth.add(mat.truth());
                in.pipeInput(record("mat-t", f, device));
            }
        }
    }

    private static <T> List<T> read(TopologyTestDriver d, String topic, Class<T> type) throws IOException {
        TestOutputTopic<String, byte[]> out = d.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
        List<T> records = new ArrayList<>();
        for (byte[] v : out.readValuesToList()) {
            records.add(AnalyticsRecords.fromJson(v, type));
        }
        return records;
    }

    private static MatStateStore matStates(TopologyTestDriver d) {
        return (MatStateStore) d.getStateStore(AnalyticsTopology.STATE_STORE);
    }

    @Test
    void aWholeSessionBecomesContactOnceASecondASessionAndItsEnd() throws IOException {
        Feeder feeder = new Feeder("session");
        try (TopologyTestDriver d = driver()) {
            feeder.feed(frames(d), Long.MAX_VALUE);
            // The scenario ends 5 s after getting off, inside the grace period: the silence that
            // follows ends the session, at the moment the person got off.
            d.advanceWallClockTime(Duration.ofMinutes(10));
            List<ContactPoint> contact = read(d, Topics.CONTACT, ContactPoint.class);
            List<SessionPoint> sessions = read(d, Topics.SESSIONS, SessionPoint.class);

            long onFrames = feeder.truth.stream().filter(FrameTruth::onMat).count();
            assertThat(contact.size()).as("one contact record a second on the mat")
                    .isBetween((int) (onFrames / 25) - 5, (int) (onFrames / 25) + 5);
            for (int i = 1; i < contact.size(); i++) {
                assertThat(contact.get(i).timeMicros() / 1_000_000).isGreaterThan(contact.get(i - 1).timeMicros() / 1_000_000);
            }
            assertThat(contact).allSatisfy(c -> assertThat(c.units()).isEqualTo("kPa"));
            assertThat(sessions.get(0).active()).isTrue();
            SessionPoint last = sessions.get(sessions.size() - 1);
            assertThat(last.active()).isFalse();
            assertThat(last.endReason()).isEqualTo("silent");
            assertThat(sessions).extracting(SessionPoint::sessionId).containsOnly(last.sessionId());
            assertThat(last.durationS()).isCloseTo(onFrames / 25.0, org.assertj.core.data.Offset.offset(20.0));
        }
    }

    @Test
    void aRestartCarriesOnTheSessionAndCountsNothingTwice() throws IOException {
        Feeder feeder = new Feeder("still");
        List<SessionPoint> sessions = new ArrayList<>();
        List<KeyValue<String, byte[]>> saved = new ArrayList<>();
        try (TopologyTestDriver d = driver()) {
            feeder.feed(frames(d), 1500);
            d.advanceWallClockTime(Duration.ofSeconds(2));  // the state reaches the store
            sessions.addAll(read(d, Topics.SESSIONS, SessionPoint.class));
            try (KeyValueIterator<String, byte[]> all = matStates(d).all()) {
                all.forEachRemaining(saved::add);
            }
        }
        // Each commit stores the state after the frames it commits (written at the commit, not per frame).
        assertThat(saved).extracting(kv -> kv.key).containsExactly("mat-t");
        assertThat(MatStateCodec.decode(saved.get(0).value).lastFrameMicros())
                .isEqualTo(ANCHOR_US + (feeder.index - 1) * 40_000);
        try (TopologyTestDriver d = driver()) {
            // What a new instance restores from the store's changelog topic.
            KeyValueStore<String, byte[]> store = matStates(d).wrapped();
            saved.forEach(kv -> store.put(kv.key, kv.value));
            feeder.index -= 100;  // frames processed again, as after a crash before a commit
            feeder.mat.rewind();
            int[] skip = new int[feeder.values.length];
            for (long i = 0; i < feeder.index; i++) {
                feeder.mat.next(skip);
            }
            feeder.feed(frames(d), Long.MAX_VALUE);
            sessions.addAll(read(d, Topics.SESSIONS, SessionPoint.class));
            d.advanceWallClockTime(Duration.ofMinutes(10));  // frames stopped: the session ends
            sessions.addAll(read(d, Topics.SESSIONS, SessionPoint.class));
        }
        assertThat(sessions).extracting(SessionPoint::sessionId).containsOnly(sessions.get(0).sessionId());
        SessionPoint end = sessions.get(sessions.size() - 1);
        assertThat(end.active()).isFalse();
        assertThat(end.endReason()).isEqualTo("silent");
        double onSeconds = feeder.truth.stream().filter(FrameTruth::onMat).count() / 25.0;
        double counted = end.postureTimeS().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(counted).as("no frame counted twice").isLessThanOrEqualTo(onSeconds + 0.5);
        assertThat(counted).isGreaterThan(onSeconds - 6);
    }

    @Test
    void garbageAndFramesBeforeADeviceInfoAreDroppedNotFatal() throws IOException {
        try (TopologyTestDriver d = driver()) {
            TestInputTopic<String, byte[]> in = frames(d);
            in.pipeInput("mat-x", new byte[] {1, 2, 3});
            in.pipeInput("mat-x", MessageWriter.toBytes(new PressureFrame(0, 0, 2, 2, new int[] {1, 2, 3, 4})));
            Feeder feeder = new Feeder("still");
            feeder.feed(in, 300);
            assertThat(read(d, Topics.SESSIONS, SessionPoint.class)).isNotEmpty();
        }
    }

    /**
     * A mat is announced on acumat.mats with its own records, at most every 2 s, and nothing is
     * announced while no frame comes: frames stop when the broker goes away, and an announcement
     * sent then is what left the stream thread's producer in its error state (RELIABILITY.md).
     */
    @Test
    void aMatIsAnnouncedWithItsFramesAndNothingIsSentWhileNoFrameComes() {
        Feeder feeder = new Feeder("still");
        try (TopologyTestDriver d = driver()) {
            TestInputTopic<String, byte[]> in = frames(d);
            TestOutputTopic<String, byte[]> mats = d.createOutputTopic(Topics.MATS,
                    new StringDeserializer(), new ByteArrayDeserializer());
            feeder.feed(in, 25);
            assertThat(mats.readRecordsToList()).as("the device-info, announced").extracting(TestRecord::key)
                    .containsExactly("mat-t");
            d.advanceWallClockTime(Duration.ofSeconds(1));
            feeder.feed(in, 25);
            assertThat(mats.readRecordsToList()).as("heard of again within 2 s").isEmpty();

            d.advanceWallClockTime(Duration.ofSeconds(20));
            assertThat(mats.readRecordsToList()).as("announced while no frame came").isEmpty();

            feeder.feed(in, 25);
            List<TestRecord<String, byte[]>> again = mats.readRecordsToList();
            assertThat(again).as("announced with the next frames, once").hasSize(1);
            assertThat(again.get(0).value()).isEqualTo(MessageWriter.toBytes(feeder.info));
            assertThat(again.get(0).timestamp()).isEqualTo(ANCHOR_US / 1000 + 21_000);
        }
    }
}
