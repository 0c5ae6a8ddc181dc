package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.simulator.ReplayFile;
import dev.acumat.simulator.ReplayHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The labelled real frames in the repository's data/ directory (data/README.md): every file that
 * posture-labels.csv lists reads through its own replay header, every label's frame range lies
 * within the file's frames, no frame has two labels, and every recording in data/ is listed.
 */
class ShippedDataTest {
    /** data/ of the repository, from the analytics module's directory (where the tests run). */
    private static final Path DATA = Path.of("..", "data");
    private static final Set<String> POSTURES = Set.of("supine", "left", "right");

    /** A row of posture-labels.csv; {@code to} is -1 for a range to the file's end ("a-"). */
    private record Label(String file, String mat, String subject, String posture, int from, int to, int line) {
        int last(long frames) {
            return to < 0 ? (int) frames - 1 : to;
        }
    }

    @Test
    void everyLabelFitsItsFileAndEveryFileIsLabelled() throws IOException {
        List<Label> labels = labels();
        assertThat(labels).isNotEmpty();
        Map<String, List<Label>> byFile = new LinkedHashMap<>();
        for (Label l : labels) {
            byFile.computeIfAbsent(l.file(), f -> new ArrayList<>()).add(l);
        }

        for (Map.Entry<String, List<Label>> e : byFile.entrySet()) {
            Path file = DATA.resolve(e.getKey());
            assertThat(file).as("listed file").isRegularFile();
            ReplayHeader header = ReplayHeader.read(file).orElse(null);
            assertThat(header).as("%s: acumat-replay header", e.getKey()).isNotNull();
            assertThat(firstLine(file)).as("%s: the header as acumat writes it", e.getKey()).isEqualTo(header.line());
            assertThat(header.adcBits()).as("%s: adc_bits", e.getKey()).isEqualTo(12);
            assertThat(header.calibration()).as("%s: raw counts, no calibration", e.getKey()).isEmpty();
            assertThat(header.order().isNone()).as("%s: an order", e.getKey()).isFalse();
            ReplayFile.Summary read = ReplayFile.check(file, header.rows(), header.cols(), header.order());
            assertThat(read.maxValue()).as("%s: 12-bit counts", e.getKey()).isLessThanOrEqualTo(4095);

            BitSet labelled = new BitSet();
            for (Label l : e.getValue()) {
                String where = "posture-labels.csv line " + l.line();
                assertThat(header.matId()).as(where + ": the header's mat").startsWith(l.mat());
                int last = l.last(read.frames());
                assertThat((long) l.from()).as(where + ": first frame, of " + read.frames()).isLessThan(read.frames());
                assertThat(l.from()).as(where + ": first frame after the last").isLessThanOrEqualTo(last);
                assertThat((long) last).as(where + ": last frame, of " + read.frames()).isLessThan(read.frames());
                assertThat(labelled.get(l.from(), last + 1).isEmpty()).as(where + ": a frame labelled twice").isTrue();
                labelled.set(l.from(), last + 1);
            }
        }

        Set<String> recordings;
        try (Stream<Path> files = Files.walk(DATA)) {
            recordings = files.filter(Files::isRegularFile)
                    .map(p -> DATA.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("README.md") && !name.equals("posture-labels.csv"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(recordings).as("files in data/").containsExactlyInAnyOrderElementsOf(byFile.keySet());
    }

    @Test
    void experimentTwoHasOneLabelForEveryFrame() throws IOException {
        Map<String, List<Label>> byFile = new LinkedHashMap<>();
        for (Label l : labels()) {
            if (l.mat().equals("pmd2")) {
                byFile.computeIfAbsent(l.file(), f -> new ArrayList<>()).add(l);
            }
        }
        assertThat(byFile).isNotEmpty();
        for (Map.Entry<String, List<Label>> e : byFile.entrySet()) {
            Path file = DATA.resolve(e.getKey());
            ReplayHeader h = ReplayHeader.read(file).orElseThrow();
            long frames = ReplayFile.check(file, h.rows(), h.cols(), h.order()).frames();
            BitSet labelled = new BitSet();
            for (Label l : e.getValue()) {
                labelled.set(l.from(), l.last(frames) + 1);
            }
            assertThat(labelled.cardinality()).as(e.getKey() + ": labelled frames").isEqualTo((int) frames);
            assertThat(labelled.length()).as(e.getKey() + ": labelled frames").isEqualTo((int) frames);
        }
    }

    private static String firstLine(Path gzipped) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzipped)), StandardCharsets.UTF_8))) {
            return in.readLine();
        }
    }

    private static List<Label> labels() throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve("posture-labels.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("file,mat,subject,posture,frames");
        List<Label> labels = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            String where = "posture-labels.csv line " + (i + 1);
            assertThat(f).as(where).hasSize(5);
            assertThat(f[1]).as(where + ": mat").matches("pmd1|pmd2");
            assertThat(f[2]).as(where + ": subject").matches("pmd[12]-S[0-9]+");
            assertThat(f[3]).as(where + ": posture").isIn(POSTURES);
            assertThat(f[4]).as(where + ": frames").matches("[0-9]+(-[0-9]*)?");
            int dash = f[4].indexOf('-');
            int from = Integer.parseInt(dash < 0 ? f[4] : f[4].substring(0, dash));
            int to = dash < 0 ? from : dash == f[4].length() - 1 ? -1 : Integer.parseInt(f[4].substring(dash + 1));
            labels.add(new Label(f[0], f[1], f[2], f[3], from, to, i + 1));
        }
        return labels;
    }
}
