package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.contract.Posture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Fits a {@link PostureModel} to labelled frames, and says how well it does on people (and
 * mats) it has not seen. What {@code acumat train-posture} runs.
 *
 * <p>Real frames (supine, left, right: the postures recordings of real people hold) come in
 * through {@link #addReal}; the simulator adds prone, sitting and standing, which no real
 * recording here has, and its own supine and side frames on the model's mat. For a
 * {@link PostureModel.Layout#TORSO} model each real frame is first cut to what the
 * acupressure mat would see of it ({@link TorsoView}). The weights make every first-stage
 * class count the same; within a class, real frames weigh {@link #realShare} and simulated
 * ones the rest, and among the real ones every subject counts the same, so neither the
 * thousands of near-identical frames of one recording nor the simulator's tidy bodies decide.
 * Deterministic: the same frames give the same model.
 */
public final class PostureTrainer {
    /** L2 penalty on the standardised weights (of the mean loss). */
    static final double L2 = 1e-3;
    /**
     * Prior weights of the first-stage classes (supine, prone, side, sitting, standing): the
     * simulator's classes a tenth, since real people's frames unlike any training frame would
     * otherwise often land there (1.5 % of held-out real frames did; 0.3 % with these).
     */
    static final double[] PRIORS = {1, 0.1, 1, 0.1, 0.1};
    static final double UNKNOWN_BELOW = 0.5;
    /** Frames per simulated pose and their seed (how many poses is the caller's). */
    static final int SIM_FRAMES = 3;
    static final long SIM_SEED = 20240601L;
    private static final Posture[] LABELS = {Posture.SUPINE, Posture.PRONE, Posture.LEFT, Posture.RIGHT,
        Posture.SITTING, Posture.STANDING};

    /** One frame's features and label; {@code subject} is null for a simulated frame. */
    record Sample(double[] shape, double[] side, Posture label, String mat, String subject) {
        boolean real() {
            return subject != null;
        }
    }

    /*
     * Within a class, the weight of real frames against simulated ones, chosen on data/
     * (docs/ANALYTICS.md): on a whole body, real frames carry the sides and a little
     * simulation keeps prone, sitting and standing known (0.95 or 0.8 cost held-out people a
     * point or two); on a torso crop the real frames are cut-outs of bed recordings, and at
     * 0.8 the simulator's acupressure mat lost 13 % of its left frames to right, at 0.6 none,
     * for half a point on held-out people.
     */
    private static final double WHOLE_BODY_REAL_SHARE = 0.9;
    private static final double TORSO_REAL_SHARE = 0.6;

    private final PostureModel.Layout layout;
    private final double realShare;
    private final List<Sample> samples = new ArrayList<>();
    private final BodyAnalyzer measurer = new BodyAnalyzer(null);
    private final TorsoView torso = new TorsoView(SIM_SEED);

    /**
     * A trainer for a layout. {@code simulatedPoses} poses of each posture come from the
     * simulator (0 for none: the model then knows only the real data's postures).
     */
    public PostureTrainer(PostureModel.Layout layout, int simulatedPoses) {
        this.layout = layout;
        this.realShare = layout == PostureModel.Layout.TORSO ? TORSO_REAL_SHARE : WHOLE_BODY_REAL_SHARE;
        if (simulatedPoses > 0) {
            String mat = "simulator-" + layout.label();
            SimulatedPoses.generate(SimulatedPoses.geometry(layout), SimulatedPoses.TRAINING_BODIES, simulatedPoses,
                    SIM_FRAMES, SIM_SEED, (posture, map) -> add(map, posture, mat, null));
        }
    }

    public PostureModel.Layout layout() {
        return layout;
    }

    /**
     * Adds a real person's frame (supine, left or right, in acumat's orientation); returns
     * false when it shows no body (then it is not used).
     */
    public boolean addReal(String mat, String subject, Posture posture, PressureMap map) {
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("a real frame needs its subject");
        }
        PressureMap m = layout == PostureModel.Layout.TORSO ? torso.of(map) : map;
        return m != null && add(m, posture, mat, subject);
    }

    private boolean add(PressureMap map, Posture posture, String mat, String subject) {
        if (posture == Posture.UNKNOWN) {
            throw new IllegalArgumentException("unknown is not a posture to train on");
        }
        if (measurer.measure(map) == null) {
            return false;
        }
        PostureFeatures f = measurer.features();
        samples.add(new Sample(f.shape.clone(), f.side.clone(), posture, mat, subject));
        return true;
    }

    /** Real frames added, by subject. */
    public Map<String, Integer> realFrames() {
        Map<String, Integer> out = new LinkedHashMap<>();
        samples.stream().filter(Sample::real).forEach(s -> out.merge(s.subject(), 1, Integer::sum));
        return out;
    }

    public int simulatedFrames() {
        return (int) samples.stream().filter(s -> !s.real()).count();
    }

    /** The model fitted to every frame added, described by {@code description} (its file's comment). */
    public PostureModel fit(String description) {
        return fit(samples, description);
    }

    /**
     * Each subject's real frames classified by a model fitted to every other frame (the
     * simulator's included).
     */
    public Evaluation leaveOneSubjectOut() {
        return heldOut("subject", Sample::subject);
    }

    /** Each mat's real frames classified by a model fitted without any frame of that mat. */
    public Evaluation leaveOneMatOut() {
        return heldOut("mat", Sample::mat);
    }

    private Evaluation heldOut(String what, java.util.function.Function<Sample, String> group) {
        TreeSet<String> groups = new TreeSet<>();
        samples.stream().filter(Sample::real).forEach(s -> groups.add(group.apply(s)));
        Evaluation e = new Evaluation(what);
        for (String g : groups) {
            Predicate<Sample> held = s -> s.real() && g.equals(group.apply(s));
            List<Sample> train = samples.stream().filter(held.negate()).toList();
            if (train.stream().noneMatch(Sample::real)) {
                continue;  // nothing real left to learn from
            }
            PostureModel model = fit(train, "held out: " + g);
            PostureFeatures f = new PostureFeatures();
            double[] p = new double[Posture.values().length];
            double[] scratch = new double[PostureModel.STAGE_ONE.length];
            for (Sample s : samples) {
                if (held.test(s)) {
                    System.arraycopy(s.shape(), 0, f.shape, 0, f.shape.length);
                    System.arraycopy(s.side(), 0, f.side, 0, f.side.length);
                    int best = model.classify(f, p, scratch);
                    Posture predicted = p[best] >= model.unknownBelow ? Posture.values()[best] : Posture.UNKNOWN;
                    e.add(g, s.label(), predicted);
                }
            }
        }
        return e;
    }

    private PostureModel fit(List<Sample> data, String description) {
        int n = data.size();
        if (n == 0) {
            throw new IllegalStateException("no frames to train on");
        }
        int classes = PostureModel.STAGE_ONE.length;
        int[] y = new int[n];
        double[] weight = weights(data, y);
        boolean[] present = new boolean[classes];
        for (int c : y) {
            present[c] = true;
        }
        for (int c = 0; c < classes; c++) {
            if (!present[c]) {
                throw new IllegalStateException("no " + PostureModel.STAGE_ONE[c] + " frames to train on"
                        + " (add simulated poses, or recordings of it)");
            }
        }
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = data.get(i).shape();
        }
        double[] mean = Logistic.mean(x, weight);
        double[] scale = Logistic.scale(x, weight, mean);
        double[][] w = Logistic.softmax(Logistic.standardise(x, mean, scale), y, weight, classes, L2);

        List<double[]> sx = new ArrayList<>();
        List<Integer> sy = new ArrayList<>();
        List<Double> sw = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Posture p = data.get(i).label();
            if (p == Posture.LEFT || p == Posture.RIGHT) {
                sx.add(data.get(i).side());
                sy.add(p == Posture.LEFT ? 1 : 0);
                sw.add(weight[i]);
            }
        }
        double[][] sideX = sx.toArray(new double[0][]);
        double[] sideW = sw.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sideScale = Logistic.scale(sideX, sideW, new double[PostureFeatures.SIDE.length]);
        double[] beta = Logistic.binaryNoIntercept(Logistic.standardise(sideX, new double[sideScale.length], sideScale),
                sy.stream().mapToInt(Integer::intValue).toArray(), sideW, L2);
        return new PostureModel(layout, mean, scale, w, sideScale, beta, PRIORS.clone(), UNKNOWN_BELOW, description);
    }

    /** Sample weights (see the class description); fills {@code y} with the first-stage classes. */
    private double[] weights(List<Sample> data, int[] y) {
        int n = data.size();
        int classes = PostureModel.STAGE_ONE.length;
        Map<String, Integer> count = new HashMap<>();
        Map<Integer, Integer> subjects = new HashMap<>();
        boolean[][] has = new boolean[classes][2];
        for (int i = 0; i < n; i++) {
            Sample s = data.get(i);
            y[i] = stageOne(s.label());
            has[y[i]][s.real() ? 1 : 0] = true;
            if (count.merge(key(y[i], s), 1, Integer::sum) == 1 && s.real()) {
                subjects.merge(y[i], 1, Integer::sum);
            }
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            Sample s = data.get(i);
            boolean both = has[y[i]][0] && has[y[i]][1];
            double share = !both ? 1 : s.real() ? realShare : 1 - realShare;
            double within = s.real() ? 1.0 / subjects.get(y[i]) : 1;
            w[i] = share * within / count.get(key(y[i], s)) * n / classes;
        }
        return w;
    }

    private static String key(int cls, Sample s) {
        return cls + "/" + (s.real() ? "real/" + s.subject() : "sim");
    }

    /** The first-stage class of a posture: both sides are one class there. */
    static int stageOne(Posture p) {
        return switch (p) {
            case SUPINE -> 0;
            case PRONE -> 1;
            case LEFT, RIGHT -> 2;
            case SITTING -> 3;
            case STANDING -> 4;
            default -> throw new IllegalArgumentException("no training class for " + p);
        };
    }

    /** How held-out frames were classified: per held-out group, true posture by predicted. */
    public static final class Evaluation {
        private final String heldOut;
        private final Map<String, int[][]> counts = new LinkedHashMap<>();

        Evaluation(String heldOut) {
            this.heldOut = heldOut;
        }

        void add(String group, Posture truth, Posture predicted) {
            int k = Posture.values().length;
            counts.computeIfAbsent(group, g -> new int[k][k])[truth.ordinal()][predicted.ordinal()]++;
        }

        /** The groups evaluated, in order. */
        public List<String> groups() {
            return List.copyOf(counts.keySet());
        }

        /** Frames of a posture in a group (null: every group) and how many were called right: {frames, right}. */
        public int[] score(String group, Posture truth) {
            int frames = 0;
            int right = 0;
            for (Map.Entry<String, int[][]> e : counts.entrySet()) {
                if (group == null || group.equals(e.getKey())) {
                    for (int p = 0; p < Posture.values().length; p++) {
                        int c = e.getValue()[truth.ordinal()][p];
                        frames += c;
                        right += p == truth.ordinal() ? c : 0;
                    }
                }
            }
            return new int[] {frames, right};
        }

        /** Share called right of a posture's frames in a group (null: every group), NaN without any. */
        public double accuracy(String group, Posture truth) {
            int[] s = score(group, truth);
            return s[0] == 0 ? Double.NaN : (double) s[1] / s[0];
        }

        /** Share called right of all frames of a group (null: every group). */
        public double accuracy(String group) {
            int frames = 0;
            int right = 0;
            for (Posture t : LABELS) {
                int[] s = score(group, t);
                frames += s[0];
                right += s[1];
            }
            return frames == 0 ? Double.NaN : (double) right / frames;
        }

        /** Frames of a true posture called each posture, over every group: indexed by {@link Posture#ordinal()}. */
        public int[] confusion(Posture truth) {
            int[] out = new int[Posture.values().length];
            for (int[][] c : counts.values()) {
                for (int p = 0; p < out.length; p++) {
                    out[p] += c[truth.ordinal()][p];
                }
            }
            return out;
        }

        /** The postures some frame truly had, in {@link Posture} order. */
        public List<Posture> truths() {
            List<Posture> out = new ArrayList<>();
            for (Posture t : LABELS) {
                if (score(null, t)[0] > 0) {
                    out.add(t);
                }
            }
            return out;
        }

        /** Markdown: a row per held-out group with each posture's accuracy, then the confusion. */
        public String toMarkdown() {
            List<Posture> truths = truths();
            StringBuilder sb = new StringBuilder();
            sb.append("| held-out ").append(heldOut).append(" | frames |");
            truths.forEach(t -> sb.append(' ').append(t.label()).append(" |"));
            sb.append(" all |\n|---|---:|");
            truths.forEach(t -> sb.append("---:|"));
            sb.append("---:|\n");
            for (String g : counts.keySet()) {
                row(sb, g, g);
            }
            row(sb, null, "all");
            sb.append("\n| true \\ called |");
            for (Posture p : Posture.values()) {
                sb.append(' ').append(p.label()).append(" |");
            }
            sb.append("\n|---|");
            for (int i = 0; i < Posture.values().length; i++) {
                sb.append("---:|");
            }
            sb.append('\n');
            for (Posture t : truths) {
                sb.append("| ").append(t.label()).append(" |");
                for (int c : confusion(t)) {
                    sb.append(' ').append(c).append(" |");
                }
                sb.append('\n');
            }
            return sb.toString();
        }

        private void row(StringBuilder sb, String group, String name) {
            int frames = 0;
            for (Posture t : LABELS) {
                frames += score(group, t)[0];
            }
            sb.append("| ").append(name).append(" | ").append(frames).append(" |");
            for (Posture t : truths()) {
                sb.append(' ').append(percent(accuracy(group, t))).append(" |");
            }
            sb.append(' ').append(percent(accuracy(group))).append(" |\n");
        }

        private static String percent(double v) {
            return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * v);
        }
    }
}
