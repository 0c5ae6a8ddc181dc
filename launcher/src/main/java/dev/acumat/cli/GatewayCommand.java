package dev.acumat.cli;

import dev.acumat.gateway.Gateway;
import dev.acumat.gateway.GatewayConfig;
import dev.acumat.time.Time;
import dev.acumat.gateway.serial.JSerialCommPorts;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat gateway}: the mat's serial port into Kafka, through an on-disk spool. */
@Command(name = "gateway", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a mat's serial port and produce its frames to Kafka (topic acumat.frames, key = mat id),"
                + " losing nothing: every frame goes through an on-disk spool, so a broker that is away only delays"
                + " them. Health goes to acumat.device-health and to the log. Stops cleanly on SIGINT/SIGTERM.",
                "The broker may come later: the gateway reads the mat from the start."})
final class GatewayCommand extends Subcommand {
    @CommandLine.Mixin
    KafkaOption kafka;

    @Option(names = "--spool", paramLabel = "DIR",
            description = "The spool directory, one gateway each. Default: the data directory's spool/"
                    + " (ACUMAT_DATA_DIR, else ~/.acumat).")
    Path spool;

    @Option(names = "--spool-max-mb", paramLabel = "MB", defaultValue = "" + GatewayConfig.DEFAULT_SPOOL_MAX_MB,
            description = "Bound of the spool on disk; when full, new frames are dropped and counted. Default: ${DEFAULT-VALUE}.")
    long spoolMaxMb;

    @Option(names = "--spool-fsync", paramLabel = "POLICY", defaultValue = GatewayConfig.DEFAULT_SPOOL_FSYNC,
            description = "always (every frame), interval (every second) or never (the OS decides). Default: ${DEFAULT-VALUE}.")
    String spoolFsync;

    @CommandLine.Mixin
    MatInputOptions matInput;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + GatewayConfig.DEFAULT_PARTITIONS,
            description = "Partitions of acumat.frames if the gateway creates it. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--silence-timeout", paramLabel = "SECONDS",
            defaultValue = "" + GatewayConfig.DEFAULT_SILENCE_TIMEOUT_SECONDS,
            description = "No byte from the mat for this long counts as a lost port. Default: ${DEFAULT-VALUE}.")
    double silenceTimeout;

    @Option(names = "--reconnect-max", paramLabel = "SECONDS",
            defaultValue = "" + GatewayConfig.DEFAULT_RECONNECT_MAX_SECONDS,
            description = "The longest wait between attempts to reopen a lost port. Default: ${DEFAULT-VALUE}.")
    double reconnectMax;

    @Option(names = "--health-interval", paramLabel = "SECONDS",
            defaultValue = "" + GatewayConfig.DEFAULT_HEALTH_INTERVAL_SECONDS,
            description = "How often health is logged and produced. Default: ${DEFAULT-VALUE}.")
    double healthInterval;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "Serve the gateway's counters at http://HOST:PORT/metrics (Prometheus text format).")
    String metrics;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config;
        try {
            config = matInput.applyTo(GatewayConfig.builder())
                    .kafka(kafka.bootstrap)
                    .spoolDir(spool != null ? spool : Paths.dataDir().resolve("spool"))
                    .spoolMaxMb(spoolMaxMb)
                    .spoolFsync(spoolFsync)
                    .partitions(partitions)
                    .silenceTimeout(seconds(silenceTimeout))
                    .reconnectMax(seconds(reconnectMax))
                    .healthInterval(seconds(healthInterval))
                    .build();
        } catch (IllegalArgumentException e) {
            throw settingError(e);
        }
        HostPort metricsAt;
        try {
            metricsAt = HostPort.parseIfGiven("--metrics", metrics);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Gateway gateway = Gateway.start(config, new JSerialCommPorts(), Time.SYSTEM);
        MetricsServer metricsServer = metricsAt == null ? null : MetricsServer.start(metricsAt);
        if (metricsServer != null) {
            System.out.println("metrics: http://" + HostPort.forUrl(metricsAt.host()) + ":" + metricsServer.port()
                    + "/metrics");
            System.out.flush();
        }
        StopSignal.await("gateway", metricsServer, gateway);
        return 0;
    }

    /** Seconds as the flags give them; the configuration checks the range (NaN is 0, too many the most). */
    static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
