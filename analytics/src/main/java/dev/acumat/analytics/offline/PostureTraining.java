package dev.acumat.analytics.offline;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.body.PostureTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code acumat train-posture}: fits a posture model to labelled recordings
 * ({@link LabelledRecordings}) and the simulator's poses, reports how it does on held-out
 * people (and mats), and writes the model file that {@code analyze --posture-model} and the
 * analytics' per-mat setting load.
 */
public final class PostureTraining {
    /** Simulated poses of each posture the shipped models were trained with. */
    public static final int DEFAULT_SIMULATED_POSES = 120;

    /** What to do; {@code out} null: the model is not written. */
    public record Options(Path labels, PostureModel.Layout layout, int simulatedPoses, Path out,
                          boolean leaveOneSubjectOut, boolean leaveOneMatOut) {
    }

    private PostureTraining() {
    }

    /** Trains, reports on {@code report} (Markdown), writes the model; returns it. */
    public static PostureModel run(Options o, PrintWriter report) throws IOException {
        return run(o, LabelledRecordings.read(o.labels()), report);
    }

    /**
     * {@link #run(Options, PrintWriter)} on the labels already read from {@code o.labels()}, so a
     * caller can tell a bad labels file from a failure later on.
     */
    public static PostureModel run(Options o, LabelledRecordings recordings, PrintWriter report) throws IOException {
        PostureTrainer trainer = new PostureTrainer(o.layout(), o.simulatedPoses());
        int[] unused = new int[1];
        recordings.forEach((label, map) -> {
            if (!trainer.addReal(label.mat(), label.subject(), label.posture(), map)) {
                unused[0]++;
            }
        });
        Map<String, Integer> frames = trainer.realFrames();
        if (frames.isEmpty()) {
            throw new IOException(o.labels() + ": none of the labelled frames shows a body");
        }
        int total = frames.values().stream().mapToInt(Integer::intValue).sum();
        TreeSet<String> mats = new TreeSet<>();
        recordings.labels().forEach(l -> mats.add(l.mat()));
        report.printf("%d labelled frames of %d subjects on %d mats (%s)%s, and %d simulated frames; %s model%n%n",
                total, frames.size(), mats.size(), String.join(", ", mats),
                unused[0] > 0 ? " (" + unused[0] + " more showed no body)" : "", trainer.simulatedFrames(),
                o.layout().label());
        report.flush();
        if (o.leaveOneSubjectOut()) {
            heldOut(report, frames.size(), "Leave one subject out needs two subjects or more.",
                    "### Leave one subject out", trainer::leaveOneSubjectOut);
        }
        if (o.leaveOneMatOut()) {
            heldOut(report, mats.size(), "Leave one mat out needs two mats or more.",
                    "### Leave one mat out (trained without the mat, tested on it)", trainer::leaveOneMatOut);
        }
        PostureModel model = trainer.fit(description(o, total, frames.size(), mats, trainer.simulatedFrames()));
        if (o.out() != null) {
            Path parent = o.out().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(o.out(), StandardCharsets.UTF_8))) {
                model.write(w);
            }
            report.println("wrote " + o.out());
            report.flush();
        }
        return model;
    }

    private static String description(Options o, int frames, int subjects, TreeSet<String> mats, int simulated) {
        return "acumat posture model (" + o.layout().label() + "), written by acumat train-posture.\n"
                + "Trained on " + frames + " labelled frames of " + subjects + " subjects on " + mats.size()
                + " mats (" + String.join(", ", mats) + ")\nand " + simulated + " simulated frames."
                + " See docs/ANALYTICS.md.";
    }

    /**
     * One leave-one-group-out evaluation in the report under {@code heading}, or {@code tooFew}
     * when there are fewer than two groups to leave out.
     */
    private static void heldOut(PrintWriter report, int groups, String tooFew, String heading,
                                Supplier<PostureTrainer.Evaluation> evaluation) {
        if (groups < 2) {
            report.println(tooFew + "\n");
        } else {
            report.println(heading + "\n");
            report.println(evaluation.get().toMarkdown());
        }
        report.flush();
    }
}
