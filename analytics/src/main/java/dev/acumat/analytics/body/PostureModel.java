package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.contract.Posture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A trained posture classifier, in two stages. A multinomial logistic regression on the
 * side-blind {@link PostureFeatures#SHAPE} features tells supine, prone, side-lying, sitting
 * and standing apart; for side-lying, a logistic regression without intercept on the
 * side-odd {@link PostureFeatures#SIDE} features picks the side, so a mirrored frame gets
 * exactly the mirrored answer. Each first-stage class's probability is then weighed by its
 * prior ({@link #priors}): the shipped models make prone, sitting and standing, which they
 * learnt from the simulator alone, a tenth as likely as the real data's postures, so that
 * an unusual real frame is not called one of them lightly. Below {@link #unknownBelow} the
 * answer is UNKNOWN: a person half way through a roll is neither on the back nor on the side.
 *
 * <p>A model is for one {@link Layout}: a mat that shows the whole body, or one that shows the
 * trunk only (the acupressure mat). Parameters live in a small text file written by
 * {@link PostureTrainer} ({@code acumat train-posture}); the jar ships one per layout.
 * Immutable and thread-safe.
 */
public final class PostureModel {
    private static final ConcurrentMap<Layout, PostureModel> SHIPPED = new ConcurrentHashMap<>();

    /** What a mat shows of a person lying on it. */
    public enum Layout {
        /** A bed-size mat: head to heels. */
        WHOLE_BODY("whole-body"),
        /** A mat about as long as a trunk (the 70 cm acupressure mat): the head above it, the legs below. */
        TORSO("torso");

        private final String label;

        Layout(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The layout of a label, e.g. "torso". */
        public static Layout of(String label) {
            for (Layout l : values()) {
                if (l.label.equals(label)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown layout '" + label + "': whole-body or torso");
        }

        /**
         * The layout a mat of this size has, when nothing says otherwise: a whole body from
         * {@value #WHOLE_BODY_CM} cm of length, since a lying adult's head to knees is about that.
         */
        public static Layout of(MatSpec spec) {
            return Math.max(spec.rows() * spec.rowPitchCm(), spec.cols() * spec.colPitchCm()) >= WHOLE_BODY_CM
                    ? WHOLE_BODY : TORSO;
        }

        /**
         * The layout of a mat of this size and stated kind: a stated full-body or torso mat is
         * that, whatever its size; otherwise (not stated, or a lumbar pad, which has no posture
         * model) by its size.
         */
        public static Layout of(MatSpec spec, dev.acumat.protocol.MatKind kind) {
            return switch (kind) {
                case FULL_BODY -> WHOLE_BODY;
                case TORSO -> TORSO;
                default -> of(spec);
            };
        }

        static final double WHOLE_BODY_CM = 120;
    }

    static final String RESOURCE_DIR = "/dev/acumat/analytics/body/";
    /** The first-stage classes, in the order of the weight rows. */
    static final String[] STAGE_ONE = {"supine", "prone", "side", "sitting", "standing"};
    private static final int FORMAT = 2;

    final Layout layout;
    final double[] mean;
    final double[] scale;
    final double[][] weights;
    final double[] sideScale;
    final double[] sideWeights;
    /** Per first-stage class, the factor its probability is weighed by before normalising. */
    final double[] priors;
    final double unknownBelow;
    /** The comment lines the file began with: what it was trained on. */
    final String description;

    PostureModel(Layout layout, double[] mean, double[] scale, double[][] weights, double[] sideScale,
                 double[] sideWeights, double[] priors, double unknownBelow, String description) {
        int n = PostureFeatures.SHAPE.length;
        int m = PostureFeatures.SIDE.length;
        if (mean.length != n || scale.length != n || weights.length != STAGE_ONE.length
                || sideScale.length != m || sideWeights.length != m || priors.length != STAGE_ONE.length) {
            throw new IllegalArgumentException("posture model does not match the features");
        }
        for (double[] w : weights) {
            if (w.length != n + 1) {
                throw new IllegalArgumentException("posture model does not match the features");
            }
        }
        for (double p : priors) {
            if (!(p > 0) || !Double.isFinite(p)) {
                throw new IllegalArgumentException("class priors must be positive");
            }
        }
        this.layout = layout;
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.sideScale = sideScale;
        this.sideWeights = sideWeights;
        this.priors = priors;
        this.unknownBelow = unknownBelow;
        this.description = description;
    }

    /** The model shipped in the jar for a layout, read once: a model is immutable and every mat may share it. */
    public static PostureModel shipped(Layout layout) {
        return SHIPPED.computeIfAbsent(layout, PostureModel::readShipped);
    }

    private static PostureModel readShipped(Layout layout) {
        String resource = RESOURCE_DIR + "posture-" + layout.label() + ".txt";
        try (InputStream in = PostureModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("posture model " + resource + " is missing from the classpath");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the posture model " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The shipped model for a mat of this size. */
    public static PostureModel shippedFor(MatSpec spec) {
        return shipped(Layout.of(spec));
    }

    /** Reads a model file (written by {@code acumat train-posture}); the message of a failure names the file. */
    public static PostureModel read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public Layout layout() {
        return layout;
    }

    /**
     * Why this model does not suit a mat of {@code spec}'s size, for a warning: e.g. "a torso
     * model, but a 64 x 32 mat is whole-body"; null when it suits it. Such a model is used all
     * the same where it was asked for: whoever gave it may know the mat better.
     */
    public String layoutMismatch(MatSpec spec) {
        Layout expected = Layout.of(spec);
        return layout == expected ? null : "a " + layout.label() + " model, but a " + spec.rows() + " x " + spec.cols()
                + " mat is " + expected.label();
    }

    /** What the model's file says it was trained on. */
    public String description() {
        return description;
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
            scratch[c] = priors[c] * Math.exp(scratch[c] - max);
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

    /** Writes the model in the format {@link #read} reads, its description as the leading comment. */
    public void write(PrintWriter out) {
        for (String line : description.split("\n", -1)) {
            out.println(line.isEmpty() ? "#" : "# " + line);
        }
        out.println("format " + FORMAT);
        out.println("layout " + layout.label());
        out.println("shape_features " + String.join(" ", PostureFeatures.SHAPE));
        out.println("side_features " + String.join(" ", PostureFeatures.SIDE));
        out.println("shape_mean " + join(mean));
        out.println("shape_scale " + join(scale));
        for (int c = 0; c < STAGE_ONE.length; c++) {
            out.println("class " + STAGE_ONE[c] + " " + join(weights[c]));
        }
        out.println("side_scale " + join(sideScale));
        out.println("side_weights " + join(sideWeights));
        out.println("priors " + join(priors));
        out.println("unknown_below " + fmt(unknownBelow));
    }

    /** Reads a model; fails on any mismatch with the features this code computes. */
    static PostureModel read(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        Layout layout = null;
        double[] mean = null;
        double[] scale = null;
        double[][] weights = new double[STAGE_ONE.length][];
        double[] sideScale = null;
        double[] sideWeights = null;
        double[] priors = null;
        double unknown = Double.NaN;
        StringBuilder description = new StringBuilder();
        boolean header = true;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            line = line.trim();
            if (line.startsWith("#")) {
                if (header) {
                    description.append(description.length() > 0 ? "\n" : "")
                            .append(line.substring(1).startsWith(" ") ? line.substring(2) : line.substring(1));
                }
                continue;
            }
            header = false;
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+");
            try {
                switch (t[0]) {
                    case "format" -> expect(t.length == 2 && t[1].equals(String.valueOf(FORMAT)),
                            "format " + (t.length > 1 ? t[1] : "?") + " is not this version's (" + FORMAT
                                    + "): train the model again with this version");
                    case "layout" -> layout = Layout.of(t.length > 1 ? t[1] : "");
                    case "shape_features" -> expect(Arrays.equals(Arrays.copyOfRange(t, 1, t.length),
                            PostureFeatures.SHAPE), "its shape features differ from this version's: train it again");
                    case "side_features" -> expect(Arrays.equals(Arrays.copyOfRange(t, 1, t.length),
                            PostureFeatures.SIDE), "its side features differ from this version's: train it again");
                    case "shape_mean" -> mean = numbers(t, 1);
                    case "shape_scale" -> scale = numbers(t, 1);
                    case "class" -> {
                        int c = Arrays.asList(STAGE_ONE).indexOf(t.length > 1 ? t[1] : "");
                        expect(c >= 0, "unknown class " + (t.length > 1 ? t[1] : ""));
                        weights[c] = numbers(t, 2);
                    }
                    case "side_scale" -> sideScale = numbers(t, 1);
                    case "side_weights" -> sideWeights = numbers(t, 1);
                    case "priors" -> priors = numbers(t, 1);
                    case "unknown_below" -> unknown = Double.parseDouble(t[1]);
                    default -> throw new IOException("unknown line " + lineNo + ": " + abbreviate(line));
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("line " + lineNo + " is not a number list: " + abbreviate(line), e);
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        expect(layout != null && mean != null && scale != null && sideScale != null && sideWeights != null
                && priors != null && !Double.isNaN(unknown) && Arrays.stream(weights).allMatch(w -> w != null),
                "not a complete posture model (format " + FORMAT + ")");
        try {
            return new PostureModel(layout, mean, scale, weights, sideScale, sideWeights, priors, unknown,
                    description.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    private static void expect(boolean ok, String message) throws IOException {
        if (!ok) {
            throw new IOException(message);
        }
    }

    private static double[] numbers(String[] t, int from) {
        List<Double> list = new ArrayList<>();
        for (int i = from; i < t.length; i++) {
            double v = Double.parseDouble(t[i]);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite: " + t[i]);
            }
            list.add(v);
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
