package dev.acumat.cli;

import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.MatLayoutOverride;
import dev.acumat.protocol.WireFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code acumat run}: everything local against a real mat, no simulator; the data stays in the
 * data directory across runs. The mat's port carries what the gateway's mat-input options say
 * (the protocol, or a text mat's lines: {@link MatInputOptions}), the same options as {@code gateway}'s.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Everything on this machine with your own mat: a Kafka broker, influxd, the gateway on the mat's"
                + " serial port, the analytics and the web UI. Prints kafka:, influx: and web: once each answers,"
                + " then one status line. Ctrl-C stops everything and loses nothing; the history stays in the data"
                + " directory."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--serial", paramLabel = "PATH|auto", required = true, defaultValue = "${env:ACUMAT_SERIAL}",
            description = "The mat's port: /dev/ttyUSB0, /dev/ttyACM0, a pty or a symlink to one; or auto to find the"
                    + " mat among the system's serial ports by its answer.")
    String serial;

    @Option(names = "--baud", paramLabel = "B", defaultValue = "${env:ACUMAT_BAUD:-921600}",
            description = "The UART's rate (ignored by USB CDC). Default: ${DEFAULT-VALUE}.")
    int baud;

    @Option(names = "--mat-id", paramLabel = "ID", defaultValue = "${env:ACUMAT_MAT_ID}",
            description = "Name the mat this, whatever its device-info says.")
    String matId;

    @CommandLine.Mixin
    LocalSystemOptions system;

    @CommandLine.Mixin
    MatInputOptions matInput;

    private InputConfig input() {
        try {
            return matInput.config();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private MatLayoutOverride layout() {
        try {
            return matInput.layout();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (serial == null || serial.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--serial: give the mat's port (a path) or auto");
        }
        if (baud < 300 || baud > 12_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--baud must be 300..12000000, got " + baud);
        }
        if (matId != null && !WireFormat.isValidMatId(matId)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mat-id must be 1..64 of A-Z a-z 0-9 . _ : -, got '" + matId + "'");
        }
        // The port is the mat's own: nothing to start for it.
        LocalSystem.MatLink mat = (dataDir, parts) -> serial;
        return ForegroundRun.run(spec.commandLine(), "acumat run", system, baud, matId, input(), layout(), mat);
    }
}
