package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PostureModelTest {
    @Test
    void theShippedModelLoadsAndSurvivesARoundTrip() throws IOException {
        PostureModel model = PostureModel.load();
        StringWriter text = new StringWriter();
        model.write(new PrintWriter(text), "test");

        PostureModel again = PostureModel.read(new StringReader(text.toString()));

        assertThat(again.mean).containsExactly(model.mean);
        assertThat(again.sideWeights).containsExactly(model.sideWeights);
        assertThat(again.weights).isDeepEqualTo(model.weights);
        assertThat(again.unknownBelow).isEqualTo(model.unknownBelow);
    }

    @Test
    void aModelForOtherFeaturesIsRefused() throws IOException {
        StringWriter text = new StringWriter();
        PostureModel.load().write(new PrintWriter(text), "test");
        String other = text.toString().replace("shape_features log_area", "shape_features log_areas");

        assertThatThrownBy(() -> PostureModel.read(new StringReader(other)))
                .isInstanceOf(IOException.class).hasMessageContaining("features");
    }

    @Test
    void probabilitiesAddUpAndMirroredSideFeaturesSwapTheSides() {
        PostureModel model = PostureModel.load();
        PostureFeatures f = new PostureFeatures();
        System.arraycopy(model.mean, 0, f.shape, 0, f.shape.length);
        for (int j = 0; j < f.side.length; j++) {
            f.side[j] = 0.3 * (j + 1);
        }
        double[] p = new double[Posture.values().length];
        double[] scratch = new double[PostureModel.STAGE_ONE.length];
        model.classify(f, p, scratch);
        double[] q = new double[p.length];
        for (int j = 0; j < f.side.length; j++) {
            f.side[j] = -f.side[j];
        }
        model.classify(f, q, scratch);

        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
        assertThat(q[Posture.LEFT.ordinal()]).isEqualTo(p[Posture.RIGHT.ordinal()], within(1e-12));
        assertThat(p[Posture.UNKNOWN.ordinal()]).isZero();
    }
}
