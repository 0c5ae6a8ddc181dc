package dev.acumat.cli;

import dev.acumat.analytics.settings.MatSettings;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --mat-posture-model MAT_ID=FILE}: a mat's own posture model in the analytics, e.g. one
 * trained on recordings of that mat; other mats keep {@code --posture-model}, else the shipped
 * model for their size.
 */
final class MatPostureModelOption {
    static final String NAME = "--mat-posture-model";

    @Option(names = NAME, paramLabel = "MAT_ID=FILE",
            description = "A mat's own posture model (./acumat train-posture writes one), read at start, e.g."
                    + " mat-7=bed-model.txt; it wins over " + PostureModelOption.NAME + ". Repeatable; in"
                    + " ACUMAT_MAT_POSTURE_MODEL or a configuration file, entries separated by spaces (so no"
                    + " spaces in FILE).")
    List<String> entries;

    /**
     * Reads the entries' models into {@code settings}.
     *
     * @throws IllegalArgumentException naming the option, the entry and what is wrong with its file
     */
    MatSettings.Builder addTo(MatSettings.Builder settings) {
        return settings.postureModels(NAME, MatOrderOption.split(entries));
    }
}
