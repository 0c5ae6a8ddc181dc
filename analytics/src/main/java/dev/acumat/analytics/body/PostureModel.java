package dev.acumat.analytics.body;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The trained posture classifier, in two stages. A multinomial logistic regression on the
 * side-blind {@link PostureFeatures#SHAPE} features tells supine, prone, side-lying, sitting
 * and standing apart; for side-lying, a logistic regression without intercept on the
 * side-odd {@link PostureFeatures#SIDE} features picks the side, so a mirrored frame gets
 * exactly the mirrored answer. Below {@link #unknownBelow} the answer is UNKNOWN: a person
 * half way through a roll is neither on the back nor on the side.
 *
 * <p>Parameters live in a small text file (the resource {@value #RESOURCE}), written by the
 * trainer in the test sources and read once at start. Immutable and thread-safe.
 */
final class PostureModel {
    static final String RESOURCE = "/dev/acumat/analytics/body/posture-model.txt";
    /** The first-stage classes, in the order of the weight rows. */
    static final String[] STAGE_ONE = {"supine", "prone", "side", "sitting", "standing"};

    final double[] mean;
    final double[] scale;
    final double[][] weights;
    final double[] sideScale;
    final double[] sideWeights;
    final double unknownBelow;

    PostureModel(double[] mean, double[] scale, double[][] weights, double[] sideScale, double[] sideWeights,
                 double unknownBelow) {
        int n = PostureFeatures.SHAPE.length;
        int m = PostureFeatures.SIDE.length;
        if (mean.length != n || scale.length != n || weights.length != STAGE_ONE.length
                || sideScale.length != m || sideWeights.length != m) {
            throw new IllegalArgumentException("posture model does not match the features");
        }
        for (double[] w : weights) {
            if (w.length != n + 1) {
                throw new IllegalArgumentException("posture model does not match the features");
            }
        }
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.sideScale = sideScale;
        this.sideWeights = sideWeights;
        this.unknownBelow = unknownBelow;
    }

    /** The model shipped in the jar. */
    static PostureModel load() {
        try (InputStream in = PostureModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("posture model " + RESOURCE + " is missing from the classpath");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the posture model " + RESOURCE, e);
        }
    }

    /**
     * Probabilities of the six postures (indexed by {@link Posture#ordinal()}, UNKNOWN left 0)
     * into {@code out}; returns the most probable one's ordinal.
     */
    int classify(PostureFeatures f, double[] out, double[] scratch) {
        double[] x = f.shape;
        double max = Double.NEGATIVE_INFINITY;
        int n = x.length;
        for (int c = 0; c < weights.length; c++) {
            double[] w = weights[c];
            double z = w[n];
            for (int j = 0; j < n; j++) {
                z += w[j] * (x[j] - mean[j]) / scale[j];
            }
            scratch[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < weights.length; c++) {
            scratch[c] = Math.exp(scratch[c] - max);
            sum += scratch[c];
        }
        double s = 0;
        for (int j = 0; j < sideWeights.length; j++) {
            s += sideWeights[j] * f.side[j] / sideScale[j];
        }
        double left = 1 / (1 + Math.exp(-s));
        Arrays.fill(out, 0);
        out[Posture.SUPINE.ordinal()] = scratch[0] / sum;
        out[Posture.PRONE.ordinal()] = scratch[1] / sum;
        out[Posture.LEFT.ordinal()] = scratch[2] / sum * left;
        out[Posture.RIGHT.ordinal()] = scratch[2] / sum * (1 - left);
        out[Posture.SITTING.ordinal()] = scratch[3] / sum;
        out[Posture.STANDING.ordinal()] = scratch[4] / sum;
        int best = 0;
        for (int k = 1; k < out.length; k++) {
            if (out[k] > out[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Writes the model in the format {@link #read} reads. */
    void write(PrintWriter out, String comment) {
        for (String line : comment.split("\n")) {
            out.println("# " + line);
        }
        out.println("format 1");
        out.println("shape_features " + String.join(" ", PostureFeatures.SHAPE));
        out.println("side_features " + String.join(" ", PostureFeatures.SIDE));
        out.println("shape_mean " + join(mean));
        out.println("shape_scale " + join(scale));
        for (int c = 0; c < STAGE_ONE.length; c++) {
            out.println("class " + STAGE_ONE[c] + " " + join(weights[c]));
        }
        out.println("side_scale " + join(sideScale));
        out.println("side_weights " + join(sideWeights));
        out.println("unknown_below " + fmt(unknownBelow));
    }

    /** Reads a model; fails on any mismatch with the features this code computes. */
    static PostureModel read(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        double[] mean = null;
        double[] scale = null;
        double[][] weights = new double[STAGE_ONE.length][];
        double[] sideScale = null;
        double[] sideWeights = null;
        double unknown = Double.NaN;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] t = line.split("\\s+");
            switch (t[0]) {
                case "format":
                    expect(t.length == 2 && t[1].equals("1"), "unsupported format: " + line);
                    break;
                case "shape_features":
                    expect(Arrays.equals(Arrays.copyOfRange(t, 1, t.length), PostureFeatures.SHAPE),
                            "shape features differ from this code's");
                    break;
                case "side_features":
                    expect(Arrays.equals(Arrays.copyOfRange(t, 1, t.length), PostureFeatures.SIDE),
                            "side features differ from this code's");
                    break;
                case "shape_mean":
                    mean = numbers(t, 1);
                    break;
                case "shape_scale":
                    scale = numbers(t, 1);
                    break;
                case "class":
                    int c = Arrays.asList(STAGE_ONE).indexOf(t[1]);
                    expect(c >= 0, "unknown class " + t[1]);
                    weights[c] = numbers(t, 2);
                    break;
                case "side_scale":
                    sideScale = numbers(t, 1);
                    break;
                case "side_weights":
                    sideWeights = numbers(t, 1);
                    break;
                case "unknown_below":
                    unknown = Double.parseDouble(t[1]);
                    break;
                default:
                    throw new IOException("unknown line in posture model: " + line);
            }
        }
        expect(mean != null && scale != null && sideScale != null && sideWeights != null && !Double.isNaN(unknown)
                && Arrays.stream(weights).allMatch(w -> w != null), "posture model is incomplete");
        return new PostureModel(mean, scale, weights, sideScale, sideWeights, unknown);
    }

    private static void expect(boolean ok, String message) throws IOException {
        if (!ok) {
            throw new IOException(message);
        }
    }

    private static double[] numbers(String[] t, int from) {
        List<Double> list = new ArrayList<>();
        for (int i = from; i < t.length; i++) {
            list.add(Double.parseDouble(t[i]));
        }
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : " ").append(fmt(d));
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }
}
