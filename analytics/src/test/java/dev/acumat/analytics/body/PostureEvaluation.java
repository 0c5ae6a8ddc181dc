package dev.acumat.analytics.body;

import dev.acumat.analytics.body.TrainingData.Sample;
import dev.acumat.simulator.synthetic.MatGeometry;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of docs/ANALYTICS.md: leave-one-subject-out posture accuracy on PMD, posture
 * accuracy on the simulator's ground truth, and lower-back coverage against the simulator's
 * truth. Prints Markdown.
 *
 * <pre>
 * mvn -q -o -pl analytics test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.acumat.analytics.body.PostureEvaluation -Dexec.args=PMD_DIR
 * </pre>
 */
public final class PostureEvaluation {
    private PostureEvaluation() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PostureEvaluation PMD_DIR");
            System.exit(2);
        }
        Path dir = Paths.get(args[0]);
        List<Sample> pmd = TrainingData.pmd(dir, 1);
        List<Sample> sim = PostureTrainer.simulated();
        loso(pmd, sim);
        realLowerBack(dir);
        SimulatorEvaluation.run();
    }

    /** How often the shipped analyzer finds the lower back on PMD's supine frames (no truth there). */
    static void realLowerBack(Path dir) {
        BodyAnalyzer analyzer = new BodyAnalyzer();
        PmdFrames frames = PmdFrames.converter();
        Map<String, double[]> byKind = new TreeMap<>();
        for (PmdFrames.Entry e : PmdFrames.entries(dir)) {
            if (e.posture() != Posture.SUPINE) {
                continue;
            }
            String kind = e.postureIndex() >= 15 ? "supine, head of the bed raised (15-17)" : "supine, flat (1, 8-12)";
            double[] acc = byKind.computeIfAbsent(kind, k -> new double[4]);
            for (int[] raw : PmdFrames.frames(dir, e, 1)) {
                BodyReading r = analyzer.analyze(frames.map(raw));
                acc[0]++;
                if (r.lowerBack() != null) {
                    acc[1]++;
                    acc[2] += r.lowerBack().coverage();
                    acc[3] += r.lowerBack().cellCount();
                }
            }
        }
        System.out.println("### PMD supine frames, lower back (shipped model; no truth to compare with)\n");
        System.out.println("| PMD postures | frames | region found | mean coverage | mean region cells |\n|---|---:|---:|---:|---:|");
        byKind.forEach((k, a) -> System.out.printf(Locale.ROOT, "| %s | %d | %s | %.2f | %.0f |%n", k, (int) a[0],
                Confusion.percent(a[1] / a[0]), a[2] / a[1], a[3] / a[1]));
        System.out.println();
    }

    /** Trains on three subjects and the simulator, tests on the fourth, for each subject. */
    static void loso(List<Sample> pmd, List<Sample> sim) {
        Confusion all = new Confusion();
        StringBuilder perSubject = new StringBuilder("| held-out subject | frames | supine | left | right | all |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        Map<String, int[]> perFile = new TreeMap<>();
        for (int subject = 1; subject <= 4; subject++) {
            List<Sample> train = new ArrayList<>(sim);
            List<Sample> test = new ArrayList<>();
            for (Sample s : pmd) {
                (s.group() == subject ? test : train).add(s);
            }
            PostureModel model = PostureTrainer.fit(train);
            Confusion c = new Confusion();
            for (Sample s : test) {
                Posture p = predict(model, s);
                c.add(s.label(), p);
                String key = s.tag().substring(s.tag().indexOf('/') + 1);
                int[] r = perFile.computeIfAbsent(key, k -> new int[2]);
                r[0] += p == s.label() ? 1 : 0;
                r[1]++;
            }
            all.addAll(c);
            perSubject.append(String.format(Locale.ROOT, "| S%d | %d | %s | %s | %s | %s |%n", subject, c.total(),
                    Confusion.percent(c.accuracy(Posture.SUPINE)), Confusion.percent(c.accuracy(Posture.LEFT)),
                    Confusion.percent(c.accuracy(Posture.RIGHT)), Confusion.percent(c.accuracy())));
        }
        perSubject.append(String.format(Locale.ROOT, "| all | %d | %s | %s | %s | **%s** |%n", all.total(),
                Confusion.percent(all.accuracy(Posture.SUPINE)), Confusion.percent(all.accuracy(Posture.LEFT)),
                Confusion.percent(all.accuracy(Posture.RIGHT)), Confusion.percent(all.accuracy())));
        System.out.println("### PMD, leave one subject out\n");
        System.out.println(perSubject);
        System.out.println("Confusion, all four held-out subjects together (frames):\n");
        System.out.println(all.markdown());
        System.out.println("By PMD posture (all subjects):\n");
        System.out.println("| PMD file | frames | accuracy |\n|---|---:|---:|");
        perFile.entrySet().stream()
                .sorted((a, b) -> Integer.compare(index(a.getKey()), index(b.getKey())))
                .forEach(e -> System.out.printf(Locale.ROOT, "| %s | %d | %s |%n", e.getKey(), e.getValue()[1],
                        Confusion.percent((double) e.getValue()[0] / e.getValue()[1])));
        System.out.println();
    }

    private static int index(String file) {
        return Integer.parseInt(file.substring(0, file.indexOf('.')));
    }

    /** The model's answer for a stored feature vector, UNKNOWN below its threshold. */
    static Posture predict(PostureModel model, Sample s) {
        PostureFeatures f = new PostureFeatures();
        System.arraycopy(s.shape(), 0, f.shape, 0, f.shape.length);
        System.arraycopy(s.side(), 0, f.side, 0, f.side.length);
        double[] p = new double[Posture.values().length];
        int best = model.classify(f, p, new double[PostureModel.STAGE_ONE.length]);
        return p[best] >= model.unknownBelow ? Posture.values()[best] : Posture.UNKNOWN;
    }

    static String geometryName(MatGeometry g) {
        return g.equals(MatGeometry.ACUPRESSURE) ? "acupressure 32 x 20" : "bed 64 x 32";
    }
}
