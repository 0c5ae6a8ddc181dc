package dev.acumat.simulator.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.simulator.FrameTruth;
import dev.acumat.contract.Posture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {
    @Test
    void allScenariosAreRegistered() {
        assertThat(Scenarios.names()).containsExactly("empty", "lie-down", "still", "shifts", "roll", "sit-up",
                "stand", "get-off", "on-off", "session");
        assertThatThrownBy(() -> Scenarios.script("nap")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session");
    }

    @Test
    void durationsBecomeFramesAtTheRate() {
        Script still = Scenarios.script("still");
        assertThat(still.seconds()).isEqualTo(120);
        assertThat(still.frames(25)).isEqualTo(3000);
        assertThat(still.frames(10)).isEqualTo(1200);
    }

    @Test
    void theSessionChainsTheWholeStoryInAFewMinutes() {
        Script session = Scenarios.script("session");
        assertThat(session.seconds()).isBetween(150.0, 300.0);
        List<String> phases = new ArrayList<>();
        for (Segment s : session.segments()) {
            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(s.phase())) {
                phases.add(s.phase());
            }
        }
        assertThat(phases).containsSubsequence("empty", "get-on", "lie-back", "still", "shift", "still", "lift",
                "still", "roll-left", "side-left", "roll-back", "still", "sit-up", "get-off", "empty");
        // The lift drops the load well below half, and comes back.
        assertThat(session.segments()).anySatisfy(s -> {
            assertThat(s.motion()).isEqualTo(Segment.Motion.LIFT);
            assertThat(s.to().load()).isLessThan(0.3);
        });
    }

    @Test
    void theTruthCarriesTheLumbarCoverageWhenSupine() {
        SyntheticMat mat = Scenarios.create("roll", 10, 1);
        int[] v = new int[MatGeometry.ACUPRESSURE.cells()];
        int supine = 0;
        while (mat.next(v)) {
            FrameTruth t = mat.truth();
            if (t.posture() == Posture.SUPINE) {
                assertThat(t.lumbarCoverage()).isBetween(0.15, 0.85);
                supine++;
            } else {
                assertThat(t.lumbarCoverage()).isNaN();
            }
        }
        assertThat(supine).isPositive();
    }

    @Test
    void bodiesOtherThanTheDefaultWork() {
        SyntheticMat tall = Scenarios.create("session", 10, 1, MatGeometry.ACUPRESSURE, new Body(195, 100),
                SensorModel.DEFAULT);
        int[] v = new int[MatGeometry.ACUPRESSURE.cells()];
        double maxForce = 0;
        while (tall.next(v)) {
            maxForce = Math.max(maxForce, tall.truth().forceN());
        }
        assertThat(maxForce).isGreaterThan(0.5 * 100 * 9.81);
    }
}
