package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.Baseline;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.analytics.frame.PressureMapper;
import dev.acumat.simulator.FrameTruth;
import dev.acumat.contract.Posture;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Pose;
import dev.acumat.simulator.synthetic.Script;
import dev.acumat.simulator.synthetic.SensorModel;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.util.SplittableRandom;

/**
 * Frames of the synthetic mat as the analytics see them: raw counts through the mat's
 * calibration, above a baseline that follows the empty mat, as the analytics service does.
 */
final class SimFrames {
    /** Bodies the posture models are trained on. */
    static final Body[] TRAINING_BODIES = SimulatedPoses.TRAINING_BODIES;
    /** Bodies kept out of training, for evaluation: the reference adult and two others. */
    static final Body[] EVALUATION_BODIES = {Body.DEFAULT, new Body(162, 58), new Body(190, 100)};

    private final SyntheticMat mat;
    private final PressureMapper mapper;
    private final Baseline baseline;
    private final int[] raw;
    private PressureMap map;

    SimFrames(SyntheticMat mat) {
        this.mat = mat;
        MatSpec spec = MatSpec.of(mat.deviceInfo("sim"));
        this.mapper = new PressureMapper(spec);
        this.baseline = new Baseline(spec.cells());
        this.raw = new int[spec.cells()];
    }

    /** Advances one frame; false at the end. The baseline follows frames with nobody on the mat. */
    boolean next() {
        if (!mat.next(raw)) {
            return false;
        }
        FrameTruth t = mat.truth();
        if (!t.onMat()) {
            baseline.followEmpty(raw);
        }
        map = mapper.map(raw, baseline);
        return true;
    }

    PressureMap map() {
        return map;
    }

    FrameTruth truth() {
        return mat.truth();
    }

    SyntheticMat mat() {
        return mat;
    }

    /** A random still pose of a posture (the training poses' placement and variation). */
    static Pose randomPose(Posture posture, SplittableRandom rnd) {
        return SimulatedPoses.randomPose(posture, rnd);
    }

    /** A mat holding one pose for {@code frames} frames over 4 s (breathing moves on between them). */
    static SimFrames holding(Pose pose, Body body, MatGeometry geometry, int frames, long seed) {
        Script script = Script.builder("hold", pose).hold("still", 4).build();
        return new SimFrames(new SyntheticMat(script, body, geometry, SensorModel.DEFAULT, frames / 4.0, seed));
    }
}
