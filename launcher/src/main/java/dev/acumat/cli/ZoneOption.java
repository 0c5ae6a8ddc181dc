package dev.acumat.cli;

import dev.acumat.analytics.history.HistoryParams;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** {@code --tz ZONE}: the time zone of the dates a command is given and of the times it shows. */
final class ZoneOption {
    @Option(names = "--tz", paramLabel = "ZONE",
            description = "Time zone of the dates given and of the times shown, such as Europe/Berlin. Default:"
                    + " this system's.")
    String name;

    /**
     * The zone given, else the system's.
     *
     * @throws IllegalArgumentException naming the option and the zone that is not one
     */
    ZoneId zone() {
        return HistoryParams.zone("--tz", name, ZoneId.systemDefault());
    }
}
