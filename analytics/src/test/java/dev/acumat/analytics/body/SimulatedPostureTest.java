package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Posture;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Pose;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SensorModel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Synthetic frames with ground truth, on bodies and seeds the model was not trained on. */
class SimulatedPostureTest {
    private static final Body PERSON = new Body(162, 58);
    private final ShippedAnalyzers analyzer = new ShippedAnalyzers();

    static Stream<Arguments> postures() {
        List<Arguments> out = new ArrayList<>();
        for (MatGeometry g : new MatGeometry[] {MatGeometry.ACUPRESSURE, MatGeometry.BED}) {
            for (Posture p : SimulatedPoses.STILL) {
                out.add(Arguments.of(p, g.rows() == 32 ? "acupressure" : "bed", g));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on the {1} mat")
    @MethodSource("postures")
    void everyStillPostureIsRecognised(Posture posture, String name, MatGeometry geometry) {
        Pose pose = Pose.of(posture).moved(2, -3, 4);
        SimFrames sim = SimFrames.holding(pose, PERSON, geometry, 6, 4242);
        int frames = 0;
        while (sim.next()) {
            BodyReading r = analyzer.analyze(sim.map());
            assertThat(r.posture()).as("frame %d", frames).isEqualTo(posture);
            assertThat(r.lowerBack() != null).as("lower back, frame %d", frames).isEqualTo(posture == Posture.SUPINE);
            frames++;
        }
        assertThat(frames).isEqualTo(6);
    }

    static Stream<Arguments> mats() {
        return Stream.of(Arguments.of("acupressure", MatGeometry.ACUPRESSURE), Arguments.of("bed", MatGeometry.BED));
    }

    /** Two minutes of lying still: breathing moves the chest load by a few percent, the posture stays. */
    @ParameterizedTest(name = "{0} mat")
    @MethodSource("mats")
    void breathingDoesNotChangeThePostureOrTheLowerBack(String name, MatGeometry geometry) {
        SimFrames sim = new SimFrames(Scenarios.create("still", 5, 99, geometry, PERSON, SensorModel.DEFAULT));
        Set<Posture> seen = EnumSet.noneOf(Posture.class);
        double min = 1;
        double max = 0;
        double truth = Double.NaN;
        while (sim.next()) {
            BodyReading r = analyzer.analyze(sim.map());
            seen.add(r.posture());
            assertThat(r.lowerBack()).as("%s, frame of %s", r.posture(), sim.truth()).isNotNull();
            min = Math.min(min, r.lowerBackCoverage());
            max = Math.max(max, r.lowerBackCoverage());
            truth = sim.truth().lumbarCoverage();
        }
        assertThat(seen).containsExactly(Posture.SUPINE);
        // Lumbar cells near the contact threshold flicker with sensor noise, most on the coarse bed grid.
        assertThat(max - min).isLessThan(0.2);
        assertThat(truth).isGreaterThan(0.3);
    }
}
