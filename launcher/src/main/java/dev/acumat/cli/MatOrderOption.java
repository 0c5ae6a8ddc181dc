package dev.acumat.cli;

import dev.acumat.analytics.settings.MatSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --mat-order MAT_ID=ORDER}: the cell order of mats wired another way, for the analytics
 * and for export (whose header then carries it), so one line of a configuration file serves both.
 */
final class MatOrderOption {
    static final String NAME = "--mat-order";

    @Option(names = NAME, paramLabel = "MAT_ID=ORDER",
            description = "A mat whose cells are not in acumat's order, and its order: none, or a comma list of"
                    + " flip-rows, flip-cols, transpose and serpentine (the serpentine scan undone first, then the"
                    + " transpose, then the flips of the turned grid), e.g. mat-7=flip-cols; wins over what the mat"
                    + " says. Repeatable; in ACUMAT_MAT_ORDER or a configuration file, entries separated by spaces.")
    List<String> entries;

    /**
     * Adds the entries to {@code settings}.
     *
     * @throws IllegalArgumentException naming the option and the entry that is wrong
     */
    MatSettings.Builder addTo(MatSettings.Builder settings) {
        return settings.orders(NAME, split(entries));
    }

    /** The entries of a repeatable {@code MAT_ID=VALUE} option, each value given split at blanks. */
    static List<String> split(List<String> values) {
        List<String> split = new ArrayList<>();
        // One value may hold several entries: the environment and the file have one line for all.
        for (String e : values == null ? List.<String>of() : values) {
            split.addAll(Arrays.asList(e.strip().split("\\s+")));
        }
        return split;
    }
}
