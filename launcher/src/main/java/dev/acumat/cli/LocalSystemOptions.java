package dev.acumat.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code demo} and {@code run} share: the data directory, the web UI, servers of one's own. */
final class LocalSystemOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the broker, influxd, the spool and the analytics keep their data; one demo or run"
                    + " at a time. Default: ~/.acumat.")
    Path dataDir;

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where the web UI listens. Default: ${DEFAULT-VALUE}. Any address but loopback needs an"
                    + " access token.")
    String http;

    @CommandLine.Mixin
    HttpTokenOptions httpToken;

    /** Given: this cluster instead of starting a broker. */
    @CommandLine.Mixin
    KafkaOption kafka;

    /** Given: this InfluxDB instead of starting influxd. */
    @CommandLine.Mixin
    InfluxOptions influx;

    /** The data directory: --data-dir, else ACUMAT_DATA_DIR, else ~/.acumat. */
    Path dataDir() {
        return dataDir != null ? dataDir : Paths.dataDir();
    }
}
