package dev.acumat.analytics.stream;

import static dev.acumat.analytics.stream.GatewayRecords.ANCHOR_US;
import static dev.acumat.analytics.stream.GatewayRecords.frames;
import static dev.acumat.analytics.stream.GatewayRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.SessionPoint;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mats wired another way ({@code --mat-order}): their frames reach the analyzer in the canonical order. */
class MatOrderTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver(MatSettings settings) {
        return GatewayRecords.driver(AnalyticsTopology.build(settings), stateDir);
    }

    /**
     * A scenario sent by a mat whose cells are in {@code order}: what it sends turns into the
     * scenario's canonical frames through the order, device-info and frames alike.
     */
    private static final class WiredMat {
        final String id;
        final CellOrder order;
        final SyntheticMat mat;
        final DeviceInfo canonical;
        final DeviceInfo sent;
        final int[] values;
        final int[] written;
        long index;

        WiredMat(String id, CellOrder order, String scenario) {
            this.id = id;
            this.order = order;
            mat = Scenarios.create(scenario, 25, 5);
            canonical = mat.deviceInfo(id);
            sent = order.inverse().canonical(canonical);
            values = new int[canonical.cells()];
            written = new int[canonical.cells()];
        }

        void feed(TestInputTopic<String, byte[]> in, long frames) {
            if (index == 0) {
                in.pipeInput(record(id, sent, 0));
            }
            for (long n = 0; n < frames && mat.next(values); n++, index++) {
                order.inverse().apply(values, canonical.rows(), canonical.cols(), written);
                long device = index * 40_000;
                PressureFrame f = new PressureFrame(index, device, sent.rows(), sent.cols(), written);
                in.pipeInput(record(id, f, device));
            }
        }
    }

    /** The records of a topic by mat, with the mat and its session id left out so that mats compare. */
    private static <T> Map<String, List<String>> byMat(TopologyTestDriver d, String topic, Class<T> type)
            throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> kv : d.createOutputTopic(topic, new StringDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList()) {
            String json = new String(AnalyticsRecords.toJson(AnalyticsRecords.fromJson(kv.value, type)),
                    StandardCharsets.UTF_8).replace(kv.key, "MAT");
            out.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(json);
        }
        return out;
    }

    @Test
    void framesOfAMatWiredAnotherWayAreAnalysedAsTheCanonicalOnes() throws IOException {
        CellOrder flipped = CellOrder.parse("flip-cols");
        CellOrder turned = CellOrder.parse("transpose,flip-rows");
        MatSettings settings = MatSettings.builder().order("mat-flipped", flipped).order("mat-turned", turned).build();
        List<WiredMat> mats = List.of(new WiredMat("mat-plain", CellOrder.NONE, "roll"),
                new WiredMat("mat-flipped", flipped, "roll"), new WiredMat("mat-turned", turned, "roll"),
                new WiredMat("mat-unset", flipped, "roll"));  // sends flipped frames, but nobody said so
        assertThat(mats.get(2).sent.rows()).as("a transposed mat sends 20 x 32").isEqualTo(20);
        Map<String, List<String>> contact;
        Map<String, List<String>> sessions;
        try (TopologyTestDriver d = driver(settings)) {
            TestInputTopic<String, byte[]> in = frames(d);
            for (WiredMat m : mats) {
                m.feed(in, Long.MAX_VALUE);
            }
            d.advanceWallClockTime(Duration.ofMinutes(10));
            contact = byMat(d, Topics.CONTACT, ContactPoint.class);
            sessions = byMat(d, Topics.SESSIONS, SessionPoint.class);
        }
        List<String> plain = contact.get("mat-plain");
        assertThat(plain).hasSizeGreaterThan(30);
        assertThat(String.join("\n", plain)).contains("\"posture\":\"left\"", "\"posture\":\"right\"");
        assertThat(contact.get("mat-flipped")).isEqualTo(plain);
        assertThat(contact.get("mat-turned")).isEqualTo(plain);
        assertThat(sessions.get("mat-flipped")).isEqualTo(sessions.get("mat-plain"));
        assertThat(sessions.get("mat-turned")).isEqualTo(sessions.get("mat-plain"));
        // Without its order the same mat is seen in a mirror: left and right trade places.
        List<String> unset = contact.get("mat-unset");
        assertThat(unset).isNotEqualTo(plain);
        List<String> plainPostures = plain.stream().map(MatOrderTopologyTest::posture).toList();
        List<String> mirrored = unset.stream().map(MatOrderTopologyTest::posture)
                .map(p -> p.equals("left") ? "right" : p.equals("right") ? "left" : p).toList();
        int same = 0;
        for (int i = 0; i < Math.min(plainPostures.size(), mirrored.size()); i++) {
            same += plainPostures.get(i).equals(mirrored.get(i)) ? 1 : 0;
        }
        assertThat(same).as("postures of the unset mat, mirrored").isGreaterThan(plainPostures.size() * 9 / 10);
    }

    @Test
    void aMatWithAPostureModelOfItsOwnIsClassifiedByIt(@TempDir Path models) throws IOException {
        // The shipped model, but sure that everybody lies prone: only this mat's postures show it.
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            PostureModel.shipped(PostureModel.Layout.TORSO).write(w);
        }
        Path prone = Files.writeString(models.resolve("prone.txt"),
                text.toString().replaceAll("(?m)^priors .*$", "priors 1e-09 1e+09 1e-09 1e-09 1e-09"));
        MatSettings settings = MatSettings.builder()
                .postureModels("--mat-posture-model", List.of("mat-prone=" + prone)).build();
        Map<String, List<String>> contact;
        try (TopologyTestDriver d = driver(settings)) {
            TestInputTopic<String, byte[]> in = frames(d);
            new WiredMat("mat-plain", CellOrder.NONE, "roll").feed(in, Long.MAX_VALUE);
            new WiredMat("mat-prone", CellOrder.NONE, "roll").feed(in, Long.MAX_VALUE);
            d.advanceWallClockTime(Duration.ofMinutes(10));
            contact = byMat(d, Topics.CONTACT, ContactPoint.class);
        }
        assertThat(String.join("\n", contact.get("mat-plain"))).contains("\"posture\":\"left\"")
                .doesNotContain("\"posture\":\"prone\"");
        List<String> postures = contact.get("mat-prone").stream().map(MatOrderTopologyTest::posture).toList();
        assertThat(postures).contains("prone").doesNotContain("left", "right", "supine");
    }

    private static String posture(String contactJson) {
        int at = contactJson.indexOf("\"posture\":\"") + 11;
        return contactJson.substring(at, contactJson.indexOf('"', at));
    }

    @Test
    void aMatRestoredUnderAnotherOrderStartsAfreshInsteadOfFailing() throws IOException {
        WiredMat mat = new WiredMat("mat-o", CellOrder.parse("transpose"), "still");
        List<KeyValue<String, byte[]>> saved = new ArrayList<>();
        List<SessionPoint> before;
        try (TopologyTestDriver d = driver(MatSettings.builder().order("mat-o", mat.order).build())) {
            mat.feed(frames(d), 1500);
            d.advanceWallClockTime(Duration.ofSeconds(2));
            before = sessions(d);
            try (KeyValueIterator<String, byte[]> all = store(d).all()) {
                all.forEachRemaining(saved::add);
            }
        }
        assertThat(MatStateCodec.decode(saved.get(0).value).order()).isEqualTo(mat.order);
        assertThat(before).isNotEmpty().allSatisfy(s -> assertThat(s.active()).isTrue());

        // The operator changes the mat's order: as many cells as before, so only the order tells.
        CellOrder changed = CellOrder.parse("transpose,flip-cols");
        List<SessionPoint> after;
        MatStateCodec.MatState state;
        try (TopologyTestDriver d = driver(MatSettings.builder().order("mat-o", changed).build())) {
            KeyValueStore<String, byte[]> store = store(d).wrapped();
            saved.forEach(kv -> store.put(kv.key, kv.value));
            mat.feed(frames(d), 1000);
            d.advanceWallClockTime(Duration.ofSeconds(2));
            after = sessions(d);
            try (KeyValueIterator<String, byte[]> all = store(d).all()) {
                state = MatStateCodec.decode(all.next().value);
            }
        }
        assertThat(after).as("the analysis went on, afresh").isNotEmpty();
        assertThat(after.get(0).sessionId()).as("a new session, not the saved one")
                .isNotEqualTo(before.get(0).sessionId());
        assertThat(state.order()).isEqualTo(changed);
        assertThat(state.lastFrameMicros()).isEqualTo(ANCHOR_US + (mat.index - 1) * 40_000);
    }

    private static MatStateStore store(TopologyTestDriver d) {
        return (MatStateStore) d.getStateStore(AnalyticsTopology.STATE_STORE);
    }

    private static List<SessionPoint> sessions(TopologyTestDriver d) throws IOException {
        List<SessionPoint> out = new ArrayList<>();
        for (byte[] v : d.createOutputTopic(Topics.SESSIONS, new StringDeserializer(),
                new ByteArrayDeserializer()).readValuesToList()) {
            out.add(AnalyticsRecords.fromJson(v, SessionPoint.class));
        }
        return out;
    }
}
