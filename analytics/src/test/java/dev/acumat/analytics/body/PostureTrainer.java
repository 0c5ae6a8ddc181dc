package dev.acumat.analytics.body;

import dev.acumat.analytics.body.TrainingData.Sample;
import dev.acumat.simulator.synthetic.MatGeometry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the posture model and writes the resource the analyzer loads.
 *
 * <pre>
 * mvn -q -o -pl analytics test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.acumat.analytics.body.PostureTrainer -Dexec.args="PMD_DIR [OUTPUT]"
 * </pre>
 * PMD_DIR is the PMD development subset (S1..S4 and labels.csv); OUTPUT defaults to the
 * resource in analytics/src/main/resources. Deterministic: the same data give the same file.
 */
public final class PostureTrainer {
    /** Simulated training poses per posture and mat, and frames per pose. */
    static final int POSES = 120;
    static final int FRAMES_PER_POSE = 3;
    /** Seed of the training poses; the evaluation uses other seeds and other bodies. */
    static final long TRAINING_SEED = 20240601L;
    /** L2 penalty on the standardised weights; stronger ones cost held-out accuracy on PMD. */
    static final double L2 = 1e-3;
    /** Below this probability the answer is UNKNOWN; higher thresholds cost held-out accuracy on PMD. */
    static final double UNKNOWN_BELOW = 0.5;
    /** Within a class that has both, the real frames' share of the weight. */
    static final double REAL_SHARE = 0.5;

    private PostureTrainer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PostureTrainer PMD_DIR [OUTPUT]");
            System.exit(2);
        }
        Path pmd = Paths.get(args[0]);
        Path out = Paths.get(args.length > 1 ? args[1]
                : "analytics/src/main/resources" + PostureModel.RESOURCE);
        List<Sample> samples = new ArrayList<>(TrainingData.pmd(pmd, 1));
        int real = samples.size();
        samples.addAll(simulated());
        PostureModel model = fit(samples);
        Files.createDirectories(out.getParent());
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            model.write(w, "acumat posture model, written by PostureTrainer (analytics test sources).\n"
                    + "Trained on " + real + " frames of the PMD development subset (PhysioNet PMD, S1-S4, mirrored\n"
                    + "to our columns) and " + (samples.size() - real) + " synthetic frames (both mats, all postures).\n"
                    + "See docs/ANALYTICS.md.");
        }
        System.out.println("wrote " + out + " from " + samples.size() + " frames");
    }

    /** The simulator's share of the training set: both mats, every still posture. */
    static List<Sample> simulated() {
        List<Sample> out = new ArrayList<>();
        out.addAll(TrainingData.simulated(MatGeometry.ACUPRESSURE, SimFrames.TRAINING_BODIES, POSES,
                FRAMES_PER_POSE, TRAINING_SEED));
        out.addAll(TrainingData.simulated(MatGeometry.BED, SimFrames.TRAINING_BODIES, POSES, FRAMES_PER_POSE,
                TRAINING_SEED + 1));
        return out;
    }

    /**
     * Fits both stages. Each first-stage class weighs the same in total, and within a class
     * real and simulated frames weigh half each, so neither the thousands of near-identical
     * PMD frames nor the simulator's tidy bodies dominate.
     */
    static PostureModel fit(List<Sample> samples) {
        int n = samples.size();
        int[] y = new int[n];
        double[] weight = new double[n];
        Map<String, Integer> groupCount = new HashMap<>();
        Map<Integer, Integer> sourcesPerClass = new HashMap<>();
        for (int i = 0; i < n; i++) {
            y[i] = stageOne(samples.get(i).label());
            groupCount.merge(y[i] + "/" + samples.get(i).real(), 1, Integer::sum);
        }
        for (String g : groupCount.keySet()) {
            sourcesPerClass.merge(Integer.parseInt(g.substring(0, g.indexOf('/'))), 1, Integer::sum);
        }
        for (int i = 0; i < n; i++) {
            int count = groupCount.get(y[i] + "/" + samples.get(i).real());
            double share = sourcesPerClass.get(y[i]) == 1 ? 1 : samples.get(i).real() ? REAL_SHARE : 1 - REAL_SHARE;
            weight[i] = share * n / (count * PostureModel.STAGE_ONE.length);
        }
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = samples.get(i).shape();
        }
        double[] mean = Logistic.mean(x, weight);
        double[] scale = Logistic.scale(x, weight, mean);
        double[][] w = Logistic.softmax(Logistic.standardise(x, mean, scale), y, weight,
                PostureModel.STAGE_ONE.length, L2);

        List<double[]> sx = new ArrayList<>();
        List<Integer> sy = new ArrayList<>();
        List<Double> sw = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Posture p = samples.get(i).label();
            if (p == Posture.LEFT || p == Posture.RIGHT) {
                sx.add(samples.get(i).side());
                sy.add(p == Posture.LEFT ? 1 : 0);
                sw.add(weight[i]);
            }
        }
        double[][] sideX = sx.toArray(new double[0][]);
        double[] sideW = sw.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sideScale = Logistic.scale(sideX, sideW, new double[PostureFeatures.SIDE.length]);
        double[] beta = Logistic.binaryNoIntercept(Logistic.standardise(sideX, new double[sideScale.length], sideScale),
                sy.stream().mapToInt(Integer::intValue).toArray(), sideW, L2);
        return new PostureModel(mean, scale, w, sideScale, beta, UNKNOWN_BELOW);
    }

    /** The first-stage class of a posture: both sides are one class there. */
    static int stageOne(Posture p) {
        switch (p) {
            case SUPINE:
                return 0;
            case PRONE:
                return 1;
            case LEFT:
            case RIGHT:
                return 2;
            case SITTING:
                return 3;
            case STANDING:
                return 4;
            default:
                throw new IllegalArgumentException("no training class for " + p);
        }
    }
}
