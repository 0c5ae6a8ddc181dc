package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.contract.Posture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real frames of four PMD subjects (see src/test/resources/pmd/README.md). */
class PmdPostureTest {
    private final BodyAnalyzer analyzer = new BodyAnalyzer(PostureModel.shipped(PostureModel.Layout.WHOLE_BODY));
    private final PmdFrames frames = PmdFrames.converter();

    private static int[] raw(String resource) throws IOException {
        try (InputStream in = PmdPostureTest.class.getResourceAsStream("/pmd/" + resource)) {
            return PmdFrames.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "S1-1-line40.txt, SUPINE",
        "S2-3-line30.txt, LEFT",
        "S3-2-line30.txt, RIGHT",
        "S4-14-line30.txt, LEFT",
    })
    void realFramesGetTheirPosture(String file, Posture expected) throws IOException {
        BodyReading r = analyzer.analyze(frames.map(raw(file)));

        assertThat(r.posture()).isEqualTo(expected);
        assertThat(r.confidence()).isGreaterThan(0.5);
        assertThat(r.lowerBack() != null).isEqualTo(expected == Posture.SUPINE);
    }

    @Test
    void aRealSupineBackHasItsLumbarRegionAboveThePelvis() throws IOException {
        PressureMap map = frames.map(raw("S1-1-line40.txt"));

        BodyReading r = analyzer.analyze(map);

        LowerBackRegion back = r.lowerBack();
        assertThat(back).isNotNull();
        int top = 64;
        int bottom = -1;
        for (int i = 0; i < back.cells().length; i++) {
            if (back.cells()[i]) {
                top = Math.min(top, i / map.cols());
                bottom = Math.max(bottom, i / map.cols());
            }
        }
        // S1's scapulae load rows 11-17 and the sacrum rows 29-33 of this 28 mm grid.
        assertThat(top).isBetween(18, 24);
        assertThat(bottom).isBetween(24, 30);
        assertThat(back.coverage()).isBetween(0.5, 1.0);
    }

    /**
     * The evidence that PMD's columns are mirrored against ours: lying on the right side, one
     * draws the knees forward, towards the face. In PMD's own column order the knees of its
     * "Right" frame lie towards higher columns, which in our convention is where a person
     * lying on the LEFT faces.
     */
    @Test
    void pmdColumnsRunOppositeToOurs() throws IOException {
        int[] ours = raw("S3-2-line30.txt");
        int[] theirs = new int[ours.length];
        for (int i = 0; i < ours.length; i++) {
            int r = i / PmdFrames.COLS;
            int c = i % PmdFrames.COLS;
            theirs[r * PmdFrames.COLS + PmdFrames.COLS - 1 - c] = ours[i];
        }

        BodyShape shape = analyzer.measure(frames.map(theirs));

        double kneesForward = shape.thirdV[2] - shape.thirdV[1];
        assertThat(kneesForward).isGreaterThan(3);
        assertThat(analyzer.analyze(frames.map(theirs)).posture()).isEqualTo(Posture.LEFT);
    }
}
