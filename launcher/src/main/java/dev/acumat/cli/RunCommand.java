package dev.acumat.cli;

import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.MatLayoutOverride;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code acumat run}: everything local against a real mat, no simulator; the data stays in the
 * data directory across runs. The mat's port carries what the gateway's mat-input options say
 * (the protocol, or a text mat's lines: {@link MatInputOptions}), the same options as {@code gateway}'s.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Everything on this machine with your own mat: a Kafka broker, influxd, the gateway on the mat's"
                + " serial port, the analytics and the web UI (--kafka and --influx: servers of your own instead of"
                + " the broker and influxd). Prints kafka:, influx: and web: once each answers,"
                + " then one status line. Ctrl-C stops everything and loses nothing; the history stays in the data"
                + " directory."})
final class RunCommand extends Subcommand {
    @CommandLine.Mixin
    LocalSystemOptions system;

    @CommandLine.Mixin
    MatInputOptions matInput;

    @Override
    public Integer call() throws Exception {
        InputConfig input;
        MatLayoutOverride layout;
        try {
            matInput.checkPort();
            input = matInput.config();
            layout = matInput.layout();
        } catch (IllegalArgumentException e) {
            throw settingError(e);
        }
        // The port is the mat's own: nothing to start for it.
        LocalSystem.MatLink mat = (dataDir, parts) -> matInput.serial;
        return ForegroundRun.run(spec.commandLine(), "acumat run", system, matInput.baud, matInput.matId, input, layout,
                mat);
    }
}
