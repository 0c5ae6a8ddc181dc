package dev.acumat.analytics.evaluation;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.body.SimulatorEvaluation;
import dev.acumat.analytics.offline.LabelledRecordings;
import dev.acumat.analytics.offline.PostureTraining;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Every accuracy figure of docs/ANALYTICS.md, printed as Markdown: posture on held-out people
 * and on a held-out mat (both models), sessions with a mat that is not empty when nobody is on
 * it, posture shifts, and the simulator's ground truth. {@code scripts/evaluate} runs it.
 *
 * <pre>
 * AnalyticsEvaluation LABELS                     the labelled recordings (data/posture-labels.csv)
 * AnalyticsEvaluation --pmd1 DIR --pmd2 DIR      PhysioNet's own PMD directories instead: every frame
 * </pre>
 * {@code --skip-posture} leaves out the slowest part (training a model per held-out subject).
 */
public final class AnalyticsEvaluation {
    private AnalyticsEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path labels = null;
        Path pmd1 = null;
        Path pmd2 = null;
        boolean posture = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pmd1" -> pmd1 = Paths.get(args[++i]);
                case "--pmd2" -> pmd2 = Paths.get(args[++i]);
                case "--skip-posture" -> posture = false;
                default -> labels = Paths.get(args[i]);
            }
        }
        if (pmd1 != null || pmd2 != null) {
            labels = Files.createTempFile("pmd-labels", ".csv");
            labels.toFile().deleteOnExit();
            PmdDirectories.write(pmd1, pmd2, labels);
        }
        if (labels == null) {
            System.err.println("usage: AnalyticsEvaluation LABELS | --pmd1 DIR [--pmd2 DIR] [--skip-posture]");
            System.exit(2);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        LabelledRecordings recordings = LabelledRecordings.read(labels);
        if (posture) {
            for (PostureModel.Layout layout : PostureModel.Layout.values()) {
                out.println("## Posture, " + layout.label() + " model\n");
                PostureTraining.run(new PostureTraining.Options(labels, layout, PostureTraining.DEFAULT_SIMULATED_POSES, null, true, true), out);
            }
        }
        out.println("## Sessions on a mat that is not empty\n");
        out.println(SessionEvaluation.header());
        print(out, SessionEvaluation.real(recordings));
        print(out, SessionEvaluation.simulated());
        out.println("\n## Posture shifts\n");
        out.println(ShiftEvaluation.header());
        ShiftEvaluation.Score total = new ShiftEvaluation.Score(0, 0, 0, 0);
        for (Map.Entry<String, ShiftEvaluation.Score> e : ShiftEvaluation.joined(recordings, false).entrySet()) {
            out.println(e.getValue().row(e.getKey() + ", valid frames joined"));
            total = total.plus(e.getValue());
        }
        out.println(total.row("**experiment I, valid frames joined, all**"));
        total = new ShiftEvaluation.Score(0, 0, 0, 0);
        for (Map.Entry<String, ShiftEvaluation.Score> e : ShiftEvaluation.joined(recordings, true).entrySet()) {
            total = total.plus(e.getValue());
        }
        out.println(total.row("experiment I, whole files joined (empty-bed and noise frames between), all"));
        for (Map.Entry<String, ShiftEvaluation.Score> e : ShiftEvaluation.simulated().entrySet()) {
            out.println(e.getValue().row(e.getKey()));
        }
        out.println();
        SimulatorEvaluation.run();
    }

    private static void print(PrintWriter out, Map<String, SessionEvaluation.Errors> rows) {
        for (Map.Entry<String, SessionEvaluation.Errors> e : rows.entrySet()) {
            out.println(e.getValue().row(e.getKey()));
        }
        for (SessionEvaluation.Errors e : rows.values()) {
            for (String miss : e.misses) {
                out.println("<!-- " + miss + " -->");
            }
        }
    }
}
