package dev.acumat.cli;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.offline.LabelledRecordings;
import dev.acumat.analytics.offline.PostureTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat train-posture}: a posture model from labelled recordings, and how well it does. */
@Command(name = "train-posture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a posture model on labelled recordings and the simulator's poses, print how it does"
                + " on people (and mats) it was not trained on as Markdown tables, and write it for analyze and"
                + " analytics " + PostureModelOption.NAME + ". The same input gives the same model.",
                "The labels file is CSV with the columns file,mat,subject,posture,frames (file relative to the"
                + " labels file; posture supine, left or right; frames a-b, a- or a), e.g. data/posture-labels.csv."})
final class TrainPostureCommand extends Subcommand {
    @Option(names = "--labels", paramLabel = "FILE", description = "The labelled recordings (CSV, see above).")
    Path labels;

    @Option(names = "--layout", paramLabel = "whole-body|torso", defaultValue = "whole-body",
            description = "What the model's mats show: a whole body (a bed-size mat) or a trunk (the acupressure"
                    + " mat; the real frames are cut to it). Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the model here. Without it the model is only evaluated.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file.")
    boolean force;

    @Option(names = "--simulated-poses", paramLabel = "N",
            defaultValue = "" + PostureTraining.DEFAULT_SIMULATED_POSES,
            description = "Simulated poses of each posture (supine, prone, sides, sitting, standing) to train"
                    + " with besides the recordings; 0 for none. Default: ${DEFAULT-VALUE}, as the shipped models.")
    int simulatedPoses;

    @Option(names = "--evaluation", negatable = true, defaultValue = "true",
            fallbackValue = "true",
            description = "Leave one subject out: train without each person in turn and test on them (default);"
                    + " --no-evaluation skips it.")
    boolean evaluation;

    @Option(names = "--cross-mat",
            description = "Leave one mat out as well: train without each mat in turn and test on it.")
    boolean crossMat;

    @Override
    public Integer call() throws IOException {
        if (labels == null || labels.toString().isBlank()) {
            throw usage("--labels: give the labelled recordings, e.g. data/posture-labels.csv");
        }
        PostureModel.Layout l;
        try {
            l = PostureModel.Layout.of(layout);
        } catch (IllegalArgumentException e) {
            throw usage("--layout: " + e.getMessage());
        }
        if (simulatedPoses < 0) {
            throw usage("--simulated-poses must be 0 or more, got " + simulatedPoses);
        }
        String problem = OptionChecks.fileProblem(labels, "labels file");
        if (problem != null) {
            throw usage("--labels: " + problem);
        }
        if (out != null && Files.isDirectory(out)) {
            throw usage("--out: is a directory: " + out);
        }
        // Checked before training, which takes minutes, rather than after it.
        if (out != null && Files.exists(out) && !force) {
            throw usage("--out: " + out + " exists; --force overwrites it");
        }
        LabelledRecordings recordings;
        try {
            recordings = LabelledRecordings.read(labels);
        } catch (IOException e) {
            throw usage("--labels: " + Acumat.describe(e));
        }
        PrintWriter report = spec.commandLine().getOut();
        PostureTraining.run(new PostureTraining.Options(labels, l, simulatedPoses, out, evaluation, crossMat),
                recordings, report);
        if (out == null) {
            report.println("no --out given: the model was not written");
        }
        report.flush();
        return report.checkError() ? 1 : 0;
    }
}
