package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.Baseline;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.analytics.frame.PressureMapper;
import dev.acumat.contract.Posture;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Pose;
import dev.acumat.simulator.synthetic.Script;
import dev.acumat.simulator.synthetic.SensorModel;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Random still poses of the simulator's people, as the analytics see them: the only source of
 * prone, sitting and standing frames for training, and of frames on the acupressure mat. Each
 * pose is placed within a hand's width of the default, turned a little, with a random lumbar
 * arch (lying), slump (sitting) or weight shift (standing), and held for a few frames while
 * the person breathes.
 */
final class SimulatedPoses {
    /** Bodies the posture models are trained on: four heights, lean to heavy. */
    static final Body[] TRAINING_BODIES = bodies(new double[] {155, 168, 182, 196}, new double[] {19, 23, 29});
    /** The postures a person holds still in. */
    static final Posture[] STILL = {
        Posture.SUPINE, Posture.PRONE, Posture.LEFT, Posture.RIGHT, Posture.SITTING, Posture.STANDING,
    };

    private SimulatedPoses() {
    }

    /** The simulated mat of a layout: the acupressure mat for the torso, the 64 x 32 bed mat for the whole body. */
    static MatGeometry geometry(PostureModel.Layout layout) {
        return layout == PostureModel.Layout.TORSO ? MatGeometry.ACUPRESSURE : MatGeometry.BED;
    }

    /**
     * {@code poses} random poses of every still posture on {@code geometry}, {@code frames}
     * frames each, given to {@code sink} with their posture.
     */
    static void generate(MatGeometry geometry, Body[] bodies, int poses, int frames, long seed,
                         BiConsumer<Posture, PressureMap> sink) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Posture posture : STILL) {
            for (int i = 0; i < poses; i++) {
                Body body = bodies[rnd.nextInt(bodies.length)];
                Pose pose = randomPose(posture, rnd);
                Script script = Script.builder("hold", pose).hold("still", 4).build();
                SyntheticMat mat = new SyntheticMat(script, body, geometry, SensorModel.DEFAULT, frames / 4.0,
                        rnd.nextLong());
                MatSpec spec = MatSpec.of(mat.deviceInfo("sim"));
                PressureMapper mapper = new PressureMapper(spec);
                Baseline baseline = new Baseline(spec.cells());
                int[] raw = new int[spec.cells()];
                while (mat.next(raw)) {
                    if (!mat.truth().onMat()) {
                        baseline.followEmpty(raw);
                    }
                    sink.accept(posture, mapper.map(raw, baseline));
                }
            }
        }
    }

    /** A random still pose of a posture (see the class description). */
    static Pose randomPose(Posture posture, SplittableRandom rnd) {
        double dx = rnd.nextDouble(-7, 7);
        double dy;
        double rot;
        switch (posture) {
            case SITTING -> {
                dy = rnd.nextDouble(-25, 5);
                rot = rnd.nextDouble(-10, 10);
            }
            case STANDING -> {
                dy = rnd.nextDouble(-25, 25);
                rot = rnd.nextDouble(-15, 15);
            }
            default -> {
                dy = rnd.nextDouble(-10, 10);
                rot = rnd.nextDouble(-10, 10);
            }
        }
        Pose pose = Pose.of(posture).moved(dx, dy, rot)
                .withLoad(rnd.nextDouble(0.85, 1));
        if (posture == Posture.STANDING) {
            return pose.withWeightShift(rnd.nextDouble(-0.5, 0.5));
        }
        return pose.withLumbar(rnd.nextDouble());
    }

    private static Body[] bodies(double[] heights, double[] bmis) {
        Body[] out = new Body[heights.length * bmis.length];
        int i = 0;
        for (double h : heights) {
            for (double bmi : bmis) {
                out[i++] = new Body(h, Math.round(bmi * h * h / 10_000));
            }
        }
        return out;
    }
}
