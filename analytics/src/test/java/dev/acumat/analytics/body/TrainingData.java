package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Labelled feature vectors for training and evaluating the posture model. */
final class TrainingData {
    /** The postures a person holds still in; UNKNOWN is what the classifier says when unsure. */
    static final Posture[] STILL = {
        Posture.SUPINE, Posture.PRONE, Posture.LEFT, Posture.RIGHT, Posture.SITTING, Posture.STANDING,
    };

    /**
     * One frame's features.
     *
     * @param source "pmd", "sim-acupressure" or "sim-bed"
     * @param group  the PMD subject (1..4), 0 for simulated frames
     * @param tag    the PMD file or the simulated posture, for reports
     */
    record Sample(double[] shape, double[] side, Posture label, String source, int group, String tag) {
        boolean real() {
            return source.equals("pmd");
        }
    }

    private TrainingData() {
    }

    /** Every {@code step}-th valid frame of every PMD file. */
    static List<Sample> pmd(Path dir, int step) {
        BodyAnalyzer analyzer = new BodyAnalyzer(null);
        PmdFrames frames = PmdFrames.converter();
        List<Sample> out = new ArrayList<>();
        for (PmdFrames.Entry e : PmdFrames.entries(dir)) {
            for (int[] raw : PmdFrames.frames(dir, e, step)) {
                add(out, analyzer, frames.map(raw), e.posture(), "pmd", e.subject(), e.file());
            }
        }
        return out;
    }

    /** Random still poses of every posture on one mat, a few frames each. */
    static List<Sample> simulated(MatGeometry geometry, Body[] bodies, int posesPerPosture, int framesPerPose,
                                  long seed) {
        String source = geometry.rows() * geometry.rowPitchMm() < 1000 ? "sim-acupressure" : "sim-bed";
        BodyAnalyzer analyzer = new BodyAnalyzer(null);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (Posture posture : STILL) {
            for (int i = 0; i < posesPerPosture; i++) {
                Body body = bodies[rnd.nextInt(bodies.length)];
                SimFrames sim = SimFrames.holding(SimFrames.randomPose(posture, rnd), body, geometry,
                        framesPerPose, rnd.nextLong());
                while (sim.next()) {
                    add(out, analyzer, sim.map(), posture, source, 0, posture.label());
                }
            }
        }
        return out;
    }

    private static void add(List<Sample> out, BodyAnalyzer analyzer, PressureMap map, Posture label, String source,
                            int group, String tag) {
        if (analyzer.measure(map) != null) {
            PostureFeatures f = analyzer.features();
            out.add(new Sample(f.shape.clone(), f.side.clone(), label, source, group, tag));
        }
    }
}
