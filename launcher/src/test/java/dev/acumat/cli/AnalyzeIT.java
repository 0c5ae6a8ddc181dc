package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code acumat analyze} as a researcher runs it, on a recording of a simulated roll. */
class AnalyzeIT {
    @TempDir
    Path dir;

    private final Processes processes = new Processes(Path.of("target"));

    @AfterEach
    void tearDown() throws InterruptedException {
        processes.close();
    }

    @Test
    void printsALinePerFrameAndPerEventWithTheDesignsFields() throws Exception {
        Path recording = dir.resolve("roll.txt");
        int frames = 0;
        SyntheticMat mat = Scenarios.create("roll", 25, 2);
        int[] values = new int[mat.deviceInfo("m").cells()];
        try (BufferedWriter w = Files.newBufferedWriter(recording, StandardCharsets.US_ASCII)) {
            while (mat.next(values)) {
                StringBuilder line = new StringBuilder();
                for (int v : values) {
                    line.append(v).append('\t');
                }
                w.write(line.append("\r\n").toString());
                frames++;
            }
        }
        Process p = processes.acumat("analyze", recording.toString(), "--rows", "32", "--cols", "20", "--pitch-mm", "22",
                "--hz", "25");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> frameLines = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            (n.has("event") ? events : frameLines).add(n);
        }
        assertThat(frameLines).hasSize(frames);
        JsonNode first = frameLines.get(0);
        assertThat(first.get("frame").asInt()).isZero();
        for (String field : List.of("on_mat", "contact_ratio", "contact_area_cm2", "lower_back_coverage",
                "peak_pressure", "mean_pressure", "cop_x_cm", "cop_y_cm", "posture")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("units").asText()).isEqualTo("raw");
        assertThat(events).extracting(e -> e.get("event").asText()).contains("session_start", "posture_shift",
                "session_end");
        List<String> shifts = events.stream().filter(e -> e.get("event").asText().equals("posture_shift"))
                .map(e -> e.get("from").asText() + ">" + e.get("to").asText()).toList();
        assertThat(shifts).contains("supine>left", "left>supine", "supine>right", "right>supine");
        assertThat(frameLines.stream().filter(f -> f.get("posture").asText().equals("supine")
                && !f.get("lower_back_coverage").isNull())).isNotEmpty();
    }
}
