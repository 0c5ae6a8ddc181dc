package dev.acumat.cli;

import dev.acumat.gateway.GatewayConfig;
import dev.acumat.gateway.InputConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat demo}: everything local, one command, with a simulated mat: {@code run} plus the simulator on a pty. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Everything on this machine: a Kafka broker, influxd, a simulated mat on a virtual serial port,"
                + " the gateway, the analytics and the web UI (--kafka and --influx: servers of your own instead of"
                + " the broker and influxd). Prints kafka:, influx: and web: once each answers,"
                + " then one status line. Ctrl-C stops everything and loses nothing; a second run keeps the history."})
final class DemoCommand extends Subcommand {
    @CommandLine.Mixin
    LocalSystemOptions system;

    @Option(names = "--mat-id", paramLabel = "ID", defaultValue = "mat-demo-1",
            description = "The simulated mat's id. Default: ${DEFAULT-VALUE}.")
    String matId;

    @Option(names = "--loop", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Play the scenario again and again (default), or once with --no-loop.")
    boolean loop;

    @CommandLine.Mixin
    PlayOptions play;

    @Override
    public Integer call() throws Exception {
        play.validate(this::usage);
        try {
            OptionChecks.matId(matId);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        SimulatedMat mat = new SimulatedMat(play.source(), matId, play.rate(), loop);
        // The gateway's default rate: a pty ignores it, the simulator is paced by its clock.
        return ForegroundRun.run(spec.commandLine(), "acumat demo", system, GatewayConfig.DEFAULT_BAUD, null,
                InputConfig.DEFAULT, null, mat);
    }
}
