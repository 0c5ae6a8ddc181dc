package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureModelTest {
    private static String text(PostureModel m) {
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(out)) {
            m.write(w);
        }
        return out.toString();
    }

    @Test
    void aModelWrittenAndReadBackIsTheSameModel() throws IOException {
        for (PostureModel.Layout layout : PostureModel.Layout.values()) {
            PostureModel shipped = PostureModel.shipped(layout);
            String text = text(shipped);
            PostureModel back = PostureModel.read(new StringReader(text));
            assertThat(back.layout()).isEqualTo(layout);
            assertThat(back.description()).isEqualTo(shipped.description()).contains("train-posture");
            assertThat(text(back)).isEqualTo(text);
        }
    }

    @Test
    void aFileThatIsNotThisVersionsModelIsRefusedWithWhatIsWrong(@TempDir Path dir) throws IOException {
        String good = text(PostureModel.shipped(PostureModel.Layout.TORSO));
        String[][] cases = {
            {good.replace("format 2", "format 1"), "format 1 is not this version's (2): train the model again"},
            {good.replace("layout torso", "layout sideways"), "sideways"},
            {good.replace(" grid_odd_0_0 ", " grid_odd_0_9 "), "side features differ"},
            {good.replace("priors ", "priors x"), "is not a number list"},
            {good.substring(0, good.indexOf("side_scale")), "not a complete posture model"},
            {good + "bias 1\n", "unknown line"},
            {"", "not a complete posture model"},
        };
        for (String[] c : cases) {
            Path file = dir.resolve("model.txt");
            Files.writeString(file, c[0]);
            assertThatThrownBy(() -> PostureModel.read(file)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(file + ": ").hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> PostureModel.read(dir.resolve("absent.txt"))).isInstanceOf(IOException.class)
                .hasMessageContaining("absent.txt");
    }

    @Test
    void eachMatSizeGetsTheLayoutItsBodyFits() {
        assertThat(PostureModel.Layout.of(dev.acumat.analytics.frame.MatSpec.raw("bed", 64, 32, 28, 12)))
                .isEqualTo(PostureModel.Layout.WHOLE_BODY);
        assertThat(PostureModel.Layout.of(dev.acumat.analytics.frame.MatSpec.raw("mat", 32, 20, 22, 12)))
                .isEqualTo(PostureModel.Layout.TORSO);
        assertThat(PostureModel.shipped(PostureModel.Layout.TORSO)).isSameAs(PostureModel.shipped(PostureModel.Layout.TORSO));
    }
}
