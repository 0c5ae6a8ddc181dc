package dev.acumat.analytics.stream;

import static dev.acumat.analytics.stream.GatewayRecords.frames;
import static dev.acumat.analytics.stream.GatewayRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mats that state their wiring and kind (a mat_layout record after the device-info), and settings that override them. */
class MatLayoutTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver(MatSettings settings) {
        return GatewayRecords.driver(AnalyticsTopology.build(settings), stateDir);
    }

    /** Sends a scenario as a mat wired in {@code order} would, with {@code layout} after its device-info (null: none). */
    private static void send(TestInputTopic<String, byte[]> in, String id, String scenario, MatGeometry geometry,
                             CellOrder order, MatLayout layout) {
        SyntheticMat mat = Scenarios.create(scenario, 10, 5, geometry);
        DeviceInfo info = mat.deviceInfo(id);
        in.pipeInput(record(id, info, 0));
        if (layout != null) {
            in.pipeInput(record(id, layout, 0));
        }
        int[] values = new int[info.cells()];
        int[] written = new int[info.cells()];
        for (long i = 0; mat.next(values); i++) {
            order.restore(values, info.rows(), info.cols(), written);
            long device = i * 100_000;
            in.pipeInput(record(id, new PressureFrame(i, device, info.rows(), info.cols(), written), device));
        }
    }

    private static Map<String, List<String>> records(TopologyTestDriver d, String topic) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (KeyValue<String, byte[]> kv : d.createOutputTopic(topic, new StringDeserializer(),
                new ByteArrayDeserializer()).readKeyValuesToList()) {
            out.computeIfAbsent(kv.key, k -> new ArrayList<>())
                    .add(new String(kv.value, StandardCharsets.UTF_8).replace(kv.key, "MAT"));
        }
        return out;
    }

    @Test
    void aStatedOrderAndLayoutAreUsedAndTheSettingsWinOverThem() {
        CellOrder snake = CellOrder.parse("flip-cols,serpentine");
        MatSettings settings = MatSettings.builder()
                .layouts("--mat-layout", List.of("pad-configured=lumbar-pad", "pad-overruled=torso"))
                .orders("--mat-order", List.of("mat-overruled=none")).build();
        Map<String, List<String>> contact;
        Map<String, List<String>> sessions;
        try (TopologyTestDriver d = driver(settings)) {
            TestInputTopic<String, byte[]> in = frames(d);
            send(in, "mat-plain", "roll", MatGeometry.ACUPRESSURE, CellOrder.NONE, null);
            send(in, "mat-stated", "roll", MatGeometry.ACUPRESSURE, snake, MatLayout.of(snake, MatKind.TORSO));
            send(in, "mat-overruled", "roll", MatGeometry.ACUPRESSURE, CellOrder.NONE, MatLayout.of(snake, MatKind.TORSO));
            send(in, "pad-stated", "on-off", MatGeometry.LUMBAR_PAD, CellOrder.NONE,
                    MatLayout.of(CellOrder.NONE, MatKind.LUMBAR_PAD));
            send(in, "pad-configured", "on-off", MatGeometry.LUMBAR_PAD, CellOrder.NONE, null);
            send(in, "pad-overruled", "on-off", MatGeometry.LUMBAR_PAD, CellOrder.NONE,
                    MatLayout.of(CellOrder.NONE, MatKind.LUMBAR_PAD));
            d.advanceWallClockTime(Duration.ofMinutes(10));
            contact = records(d, Topics.CONTACT);
            sessions = records(d, Topics.SESSIONS);
        }
        List<String> plain = contact.get("mat-plain");
        assertThat(plain).hasSizeGreaterThan(30);
        assertThat(contact.get("mat-stated")).as("turned back by the order the mat states").isEqualTo(plain);
        assertThat(contact.get("mat-overruled")).as("--mat-order wins over the mat's message").isEqualTo(plain);

        List<String> pad = contact.get("pad-stated");
        assertThat(pad).hasSizeGreaterThan(30).allSatisfy(json -> assertThat(json).doesNotContain("\"posture\""));
        assertThat(String.join("\n", pad)).contains("\"lower_back_coverage\"");
        assertThat(contact.get("pad-configured")).as("--mat-layout for a mat that states nothing").isEqualTo(pad);
        assertThat(String.join("\n", contact.get("pad-overruled"))).as("--mat-layout wins over the mat's message")
                .contains("\"posture\"");
        String end = sessions.get("pad-stated").get(sessions.get("pad-stated").size() - 1);
        assertThat(end).contains("\"active\":false").doesNotContain("\"lower_back_time_s\":0.0");
    }
}
