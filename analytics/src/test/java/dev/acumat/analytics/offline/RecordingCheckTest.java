package dev.acumat.analytics.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.protocol.CellOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PMD recording (64 x 32 at 28 mm, a frame a line) analysed as it is and with the mistakes users make. */
class RecordingCheckTest {
    @TempDir
    Path dir;

    /** data/'s S1/1 without its header: a plain recording, as PhysioNet publishes it. */
    private Path plain() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("..", "data", "pmd-exp1", "S1", "1.txt.gz")))) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
            return Files.writeString(dir.resolve("1.txt"), text + "\n");
        }
    }

    private List<String> warnings(int rows, int cols, double pitchMm) throws IOException {
        MatSpec spec = MatSpec.raw("m", rows, cols, pitchMm, 12);
        RecordingCheck check = new RecordingCheck(spec, "--rows " + rows + " --cols " + cols);
        new RecordingAnalysis(spec, CellOrder.NONE, 1, 0, RecordingAnalysis.Format.JSONL,
                new PrintWriter(new StringWriter())).checking(check).run(List.of(plain()));
        List<String> out = new java.util.ArrayList<>(RecordingCheck.sizeWarnings(spec, "--pitch-mm"));
        out.addAll(check.warnings());
        return out;
    }

    @Test
    void aRecordingReadAsItWasWrittenRaisesNoDoubt() throws IOException {
        assertThat(warnings(64, 32, 28)).isEmpty();
    }

    @Test
    void rowsAndColumnsSwappedAreNamed() throws IOException {
        assertThat(warnings(32, 64, 28)).singleElement().asString()
                .contains("repeat every 32 values, not every 64", "--rows 32 --cols 64");
        assertThat(warnings(128, 16, 28)).singleElement().asString().contains("repeat every 32 values, not every 16");
    }

    @Test
    void aPitchInTheWrongUnitIsNamed() throws IOException {
        List<String> w = warnings(64, 32, 2.8);
        assertThat(w.get(0)).contains("a 64 x 32 mat at 2.80 mm is 18 x 9 cm", "--pitch-mm");
        assertThat(w.get(1)).contains("yet no one was on it in any");
        assertThat(RecordingCheck.sizeWarnings(MatSpec.raw("m", 64, 32, 280, 12), "--pitch-mm")).hasSize(1);
    }
}
