package dev.acumat.cli;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.settings.MatSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --posture-model FILE}: a model {@code acumat train-posture} wrote, in place of the shipped
 * one for the mat's size; for {@code analyze}'s recording, and for every mat of the analytics
 * that has no {@code --mat-posture-model} of its own.
 */
final class PostureModelOption {
    static final String NAME = "--posture-model";

    @Option(names = NAME, paramLabel = "FILE",
            description = "Classify postures with this model (./acumat train-posture writes one) instead of the"
                    + " shipped one for the mat's size.")
    Path file;

    /**
     * The model given, null when none was.
     *
     * @throws IllegalArgumentException naming the option and what is wrong with the file
     */
    PostureModel model() {
        return file == null ? null : MatSettings.readPostureModel(NAME, file);
    }

    /** One line on {@code err} when {@code model} does not suit {@code mat}'s size; it is used all the same. */
    static void warnOnLayout(PostureModel model, MatSpec mat, String command, PrintWriter err) {
        String mismatch = model == null ? null : model.layoutMismatch(mat);
        if (mismatch != null) {
            err.println(command + ": warning: " + NAME + " is " + mismatch + "; using it anyway");
            err.flush();
        }
    }
}
