package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.offline.LabelledRecordings;
import dev.acumat.contract.Posture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which side a person lies on, as data/posture-labels.csv says, is the same physical side on
 * both mats. PMD's labels name the side differently from ours and its second experiment's
 * are only known as posture groups, so the labels were worked out from the bodies
 * (docs/ANALYTICS.md, "Which side is which"): lying on a side, the knees are drawn forward,
 * so the lower third of the body leans towards the side the person faces. With acumat's
 * orientation a person on their right side faces the low columns. This holds for every
 * subject of both experiments; were one mat's sides swapped, its subjects would all fail.
 */
class SideEvidenceTest {
    private static final int BOTTOM_LEAN = 3;  // PostureFeatures.SIDE: the lower third's lateral lean

    @Test
    void everySubjectsKneesLeanTowardsTheSideTheirLabelSays() throws IOException {
        LabelledRecordings recordings = LabelledRecordings.read(Path.of("..", "data", "posture-labels.csv"));
        BodyAnalyzer measurer = new BodyAnalyzer(null);
        Map<String, double[]> lean = new TreeMap<>();  // subject and posture: sum, count
        recordings.forEach((label, map) -> {
            if (label.posture() == Posture.SUPINE || measurer.measure(map) == null) {
                return;
            }
            double[] s = lean.computeIfAbsent(label.subject() + " " + label.posture().label(), k -> new double[2]);
            s[0] += measurer.features().side[BOTTOM_LEAN];
            s[1]++;
        });
        assertThat(lean.keySet().stream().filter(k -> k.startsWith("pmd1-")).count()).isEqualTo(8);
        assertThat(lean.keySet().stream().filter(k -> k.startsWith("pmd2-")).count()).isEqualTo(14);
        for (Map.Entry<String, double[]> e : lean.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (e.getKey().endsWith(" right")) {
                assertThat(mean).as("%s: mean lean of the lower third, dm", e.getKey()).isNegative();
            } else {
                assertThat(mean).as("%s: mean lean of the lower third, dm", e.getKey()).isPositive();
            }
        }
    }
}
