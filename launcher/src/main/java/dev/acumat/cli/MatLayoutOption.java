package dev.acumat.cli;

import dev.acumat.analytics.settings.MatSettings;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --mat-layout MAT_ID=LAYOUT}: what kind of mat a mat is, for a mat whose firmware does not
 * say (or says wrongly) in its {@code mat_layout} message; beside {@code --mat-order}, and like it
 * winning over what the mat says.
 */
final class MatLayoutOption {
    static final String NAME = "--mat-layout";

    @Option(names = NAME, paramLabel = "MAT_ID=LAYOUT",
            description = "A mat and its kind: full-body, torso or lumbar-pad (the whole pad is the lower back, no"
                    + " posture is asked), e.g. pad-1=lumbar-pad; wins over what the mat says. Repeatable; in"
                    + " ACUMAT_MAT_LAYOUT or a configuration file, entries separated by spaces.")
    List<String> entries;

    /**
     * Adds the entries to {@code settings}.
     *
     * @throws IllegalArgumentException naming the option and the entry that is wrong
     */
    MatSettings.Builder addTo(MatSettings.Builder settings) {
        return settings.layouts(NAME, MatOrderOption.split(entries));
    }
}
