package dev.acumat.cli;

import dev.acumat.analytics.AnalyticsConfig;
import dev.acumat.analytics.AnalyticsService;
import dev.acumat.analytics.settings.MatSettings;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat analytics}: frames from Kafka to metrics, sessions and shifts in InfluxDB. */
@Command(name = "analytics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Consume acumat.frames, compute contact, lower-back coverage, time on mat, postures and"
                + " posture shifts per mat (Kafka Streams, state kept in Kafka), and write them with the gateway's"
                + " health to InfluxDB. Several instances share the mats. Stops cleanly on SIGINT/SIGTERM."})
final class AnalyticsCommand extends Subcommand {
    @CommandLine.Mixin
    KafkaOption kafka;

    @CommandLine.Mixin
    InfluxOptions influx;

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "Serve the live heatmap, the history and the REST API here, e.g. 127.0.0.1:8080"
                    + " (port 0: a free one). Any address but loopback needs an access token.")
    String http;

    @CommandLine.Mixin
    HttpTokenOptions httpToken;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Local copy of the mats' state (the truth is in Kafka). Default: the data directory's"
                    + " analytics-state/.")
    Path stateDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "" + AnalyticsConfig.DEFAULT_THREADS,
            description = "Stream threads of this instance. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--state-memory-mb", paramLabel = "MB", defaultValue = "" + AnalyticsConfig.DEFAULT_STATE_MEMORY_MB,
            description = "Memory for the local copy of the mats' state (RocksDB's cache and write buffers, every"
                    + " store together), MiB. Default: ${DEFAULT-VALUE}.")
    long stateMemoryMb;

    @CommandLine.Mixin
    MatOrderOption matOrder;

    @CommandLine.Mixin
    MatLayoutOption matLayout;

    @CommandLine.Mixin
    PostureModelOption postureModel;

    @CommandLine.Mixin
    MatPostureModelOption matPostureModel;

    @Override
    public Integer call() throws Exception {
        AnalyticsConfig config;
        try {
            HostPort web = HostPort.parseIfGiven("--http", http);
            MatSettings mats = matPostureModel.addTo(matLayout.addTo(matOrder.addTo(MatSettings.builder())))
                    .defaultPostureModel(PostureModelOption.NAME, postureModel.file).build();
            config = AnalyticsConfig.builder()
                    .kafka(kafka.bootstrap)
                    .influx(influx.endpoint())
                    .stateDir(stateDir != null ? stateDir : Paths.dataDir().resolve("analytics-state"))
                    .threads(threads)
                    .stateMemoryMb(stateMemoryMb)
                    .web(web == null ? null : web.host(), web == null ? 0 : web.port())
                    .webToken(web == null ? null : httpToken.token(System.getenv()))
                    .mats(mats)
                    .build();
        } catch (IllegalArgumentException e) {
            throw settingError(e);
        }
        AnalyticsService service = AnalyticsService.start(config);
        if (service.httpPort() > 0) {
            // One line a script (and the demo) can wait for.
            System.out.println("web: http://" + HostPort.forUrl(config.httpHost()) + ":" + service.httpPort() + "/");
            System.out.flush();
        }
        StopSignal.await("analytics", service);
        return 0;
    }
}
