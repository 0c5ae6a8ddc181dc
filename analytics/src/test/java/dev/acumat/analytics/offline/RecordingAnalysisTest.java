package dev.acumat.analytics.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.protocol.CellOrder;
import dev.acumat.simulator.ReplayFile;
import dev.acumat.simulator.ReplayHeader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingAnalysisTest {
    /** Two files of one PMD subject, supine then on the right side: a session with a shift. */
    private static final List<Path> FILES = List.of(Path.of("..", "data", "pmd-exp1", "S2", "1.txt.gz"),
            Path.of("..", "data", "pmd-exp1", "S2", "2.txt.gz"));

    private static String run(RecordingAnalysis.Format format) throws IOException {
        return run(format, FILES);
    }

    private static String run(RecordingAnalysis.Format format, List<Path> files) throws IOException {
        ReplayHeader h = ReplayHeader.read(FILES.get(0)).orElseThrow();
        CellOrder order = h.order();
        MatSpec spec = MatSpec.of(order.canonical(h.deviceInfo("pmd1-S2")));
        StringWriter out = new StringWriter();
        new RecordingAnalysis(spec, order, h.hz(), 0, format, new PrintWriter(out)).run(files);
        return out.toString();
    }

    /**
     * The first file again, as an export writes it: a {@code #@} line of times before each frame,
     * with the frames 40 s apart after frame {@code gapAfter} (the mat's cable out, say): the
     * frames keep those times, and the session is 40 s longer than without them.
     */
    @Test
    void anExportsFrameTimesAreTheFramesTimes(@TempDir Path dir) throws IOException {
        ReplayHeader h = ReplayHeader.read(FILES.get(0)).orElseThrow();
        Path timed = dir.resolve("timed.txt");
        int gapAfter = 10;
        List<String> lines = new ArrayList<>();
        lines.add(h.line() + " " + ReplayHeader.FRAME_TIMES_KEY + "=1");
        try (ReplayFile f = ReplayFile.open(FILES.get(0), h.rows(), h.cols())) {
            int[] v = new int[h.rows() * h.cols()];
            for (int i = 0; f.next(v); i++) {
                long t = Math.round(i * 1e6 / h.hz()) + (i > gapAfter ? 40_000_000L : 0);
                lines.add(ReplayHeader.FRAME_TIMES_MARK + " " + (i + 7) + " " + t + " " + t);
                StringBuilder row = new StringBuilder();
                for (int c = 0; c < v.length; c++) {
                    row.append(c > 0 ? "\t" : "").append(v[c]);
                }
                lines.add(row.toString());
            }
        }
        Files.write(timed, lines);
        JsonNode afterGap = lines(run(RecordingAnalysis.Format.JSONL, List.of(timed))).stream()
                .filter(n -> !n.has("event") && n.path("frame").asLong() == gapAfter + 1).findFirst().orElseThrow();
        assertThat(afterGap.path("t_s").asDouble()).as("t_s of the frame after the gap")
                .isCloseTo((gapAfter + 1) / h.hz() + 40, within(1e-3));
        assertThat(duration(run(RecordingAnalysis.Format.JSONL, List.of(timed)))).as("the session, with the gap")
                .isCloseTo(duration(run(RecordingAnalysis.Format.JSONL, List.of(FILES.get(0)))) + 40, within(0.01));
    }

    private static List<JsonNode> lines(String jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            out.add(json.readTree(line));
        }
        return out;
    }

    private static double duration(String jsonl) throws IOException {
        return lines(jsonl).stream().filter(n -> n.path("event").asText().equals("session_end")).findFirst()
                .orElseThrow().path("duration_s").asDouble();
    }

    @Test
    void csvAndJsonGiveEveryEventTheSameFrame() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> fromJson = new ArrayList<>();
        for (String line : run(RecordingAnalysis.Format.JSONL).split("\n")) {
            JsonNode n = json.readTree(line);
            if (n.has("event")) {
                fromJson.add(n.get("event").asText() + "@" + n.get("frame").asLong());
            }
        }
        List<String> fromCsv = new ArrayList<>();
        String[] rows = run(RecordingAnalysis.Format.CSV).split("\n");
        assertThat(rows[0]).endsWith(",events");
        for (String row : java.util.Arrays.asList(rows).subList(1, rows.length)) {
            String events = row.substring(row.lastIndexOf(',') + 1);
            for (String e : events.split(";")) {
                if (!e.isEmpty() && !e.startsWith("session_update")) {
                    fromCsv.add(e);
                }
            }
        }
        assertThat(fromJson).anyMatch(e -> e.startsWith("session_start@")).anyMatch(e -> e.startsWith("posture_shift@"));
        // The recording's end closes the session after its last row: JSON only.
        assertThat(fromCsv).containsExactlyElementsOf(fromJson.subList(0, fromJson.size() - 1));
    }

    /** A recording of the simulated lumbar pad analysed as one ({@code analyze --layout lumbar-pad}). */
    @Test
    void aLumbarPadRecordingHasLowerBackCoverageAndNoPosture(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        var mat = dev.acumat.simulator.synthetic.Scenarios.create("on-off", 5, 1,
                dev.acumat.simulator.synthetic.MatGeometry.LUMBAR_PAD);
        StringBuilder rec = new StringBuilder();
        int[] v = new int[16 * 16];
        while (mat.next(v)) {
            rec.append(java.util.Arrays.stream(v).mapToObj(Integer::toString)
                    .collect(java.util.stream.Collectors.joining(" "))).append('\n');
        }
        Path file = java.nio.file.Files.writeString(dir.resolve("pad.txt"), rec);
        MatSpec spec = MatSpec.raw("pad-1", 16, 16, 25, 12);
        StringWriter out = new StringWriter();
        new RecordingAnalysis(spec, CellOrder.NONE, 5, 0, RecordingAnalysis.Format.JSONL, new PrintWriter(out))
                .withKind(dev.acumat.protocol.MatKind.LUMBAR_PAD).run(List.of(file));
        ObjectMapper json = new ObjectMapper();
        int onMat = 0;
        int covered = 0;
        for (String line : out.toString().split("\n")) {
            JsonNode n = json.readTree(line);
            if (n.has("on_mat") && n.get("on_mat").asBoolean()) {
                onMat++;
                assertThat(n.get("posture").isNull()).as(line).isTrue();
                covered += n.get("lower_back_coverage").isNull() ? 0 : 1;
            }
            if (n.has("event") && n.get("event").asText().equals("session_end")) {
                assertThat(n.toString()).contains("lower_back_time_s");
            }
        }
        assertThat(onMat).isGreaterThan(100);
        assertThat(covered).isGreaterThan(onMat * 9 / 10);
    }
}
