package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.protocol.CellOrder;
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

    /** Runs analyze with {@code env} added to the environment; returns its output after checking it succeeded. */
    private String analyze(java.util.Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Processes.javaBinary(), "-jar",
                Path.of("target/acumat.jar").toAbsolutePath().toString(), "analyze"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        Process p = processes.start(pb);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }

    @Test
    void aRecordingInAnotherCellOrderIsAnalysedAsTheCanonicalOne() throws Exception {
        // One roll on the 32 x 20 mat, written four ways: as acumat's order, columns reversed (PMD
        // experiment I), rows reversed as gzipped 32-line matrices (PMD experiment II), transposed.
        SyntheticMat mat = Scenarios.create("roll", 25, 2);
        int[] values = new int[32 * 20];
        int[] written = new int[values.length];
        CellOrder flipCols = CellOrder.parse("flip-cols");
        CellOrder flipRows = CellOrder.parse("flip-rows");
        CellOrder transpose = CellOrder.parse("transpose");
        Path canonical = dir.resolve("roll.txt");
        Path mirrored = dir.resolve("roll-mirrored.txt");
        Path matrices = dir.resolve("roll-matrices.dat");
        Path turned = dir.resolve("roll-turned.txt");
        try (BufferedWriter a = Files.newBufferedWriter(canonical, StandardCharsets.US_ASCII);
             BufferedWriter b = Files.newBufferedWriter(mirrored, StandardCharsets.US_ASCII);
             java.io.Writer c = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
                     Files.newOutputStream(matrices)), StandardCharsets.US_ASCII);
             BufferedWriter d = Files.newBufferedWriter(turned, StandardCharsets.US_ASCII)) {
            while (mat.next(values)) {
                a.write(line(values, 0, values.length));
                flipCols.inverse().apply(values, 32, 20, written);
                b.write(line(written, 0, written.length));
                flipRows.inverse().apply(values, 32, 20, written);
                for (int r = 0; r < 32; r++) {
                    c.write(line(written, r * 20, 20));
                }
                c.write("\n");
                transpose.inverse().apply(values, 32, 20, written);
                d.write(line(written, 0, written.length));
            }
        }
        String[] geometry = {"--rows", "32", "--cols", "20", "--pitch-mm", "22", "--hz", "25"};
        String expected = analyze(java.util.Map.of(), with(canonical, geometry));
        assertThat(expected).contains("\"from\":\"supine\",\"to\":\"left\"");

        assertThat(analyze(java.util.Map.of(), with(mirrored, geometry, "--flip-cols"))).isEqualTo(expected);
        assertThat(analyze(java.util.Map.of(), with(matrices, geometry, "--flip-rows"))).isEqualTo(expected);
        assertThat(analyze(java.util.Map.of("ACUMAT_TRANSPOSE", "true"),
                with(turned, new String[] {"--rows", "20", "--cols", "32", "--pitch-mm", "22", "--hz", "25"})))
                .as("--transpose from the environment").isEqualTo(expected);
        // Read as if it were in acumat's order, the mirrored recording rolls the other way.
        assertThat(analyze(java.util.Map.of(), with(mirrored, geometry)))
                .contains("\"from\":\"supine\",\"to\":\"right\"").isNotEqualTo(expected);

        // An export of a mat with a configured order carries it: no flag needed.
        Path exported = dir.resolve("export.txt");
        Files.writeString(exported, "# acumat-replay 1 rows=32 cols=20 row_pitch_mm=22 col_pitch_mm=22 hz=25"
                + " adc_bits=12 calibration= mat=recording order=flip-cols\n" + Files.readString(mirrored));
        assertThat(analyze(java.util.Map.of(), exported.toString())).isEqualTo(expected);
    }

    private static String[] with(Path file, String[] geometry, String... more) {
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(geometry));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static String line(int[] v, int from, int n) {
        StringBuilder s = new StringBuilder(n * 4);
        for (int i = from; i < from + n; i++) {
            s.append(i > from ? " " : "").append(v[i]);
        }
        return s.append('\n').toString();
    }
}
