package dev.acumat.analytics;

import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.influx.InfluxSetup;
import dev.acumat.analytics.influx.InfluxWriter;
import dev.acumat.analytics.sink.InfluxSink;
import dev.acumat.analytics.stream.StreamsRunner;
import java.nio.file.Path;
import org.influxdb.InfluxDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics service, whole: the Kafka Streams topology computing per-mat metrics into
 * Kafka, and the sink taking them (and the gateway's health) into InfluxDB. Either side waits
 * for its server rather than failing: Kafka's clients reconnect, the sink retries InfluxDB.
 */
public final class AnalyticsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsService.class);

    /**
     * @param kafka     bootstrap servers
     * @param influx    the InfluxDB endpoint (URL, database, credentials)
     * @param stateDir  where Kafka Streams keeps the local copy of each mat's state
     * @param threads   stream threads of this instance
     */
    public record Config(String kafka, InfluxEndpoint influx, Path stateDir, int threads) {
        public Config {
            if (kafka == null || kafka.isBlank()) {
                throw new IllegalArgumentException("--kafka: give the bootstrap servers, host:port[,host:port...]");
            }
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("--threads must be 1..64, got " + threads);
            }
        }
    }

    private final StreamsRunner streams;
    private final InfluxSink sink;
    private final Thread sinkThread;

    private AnalyticsService(StreamsRunner streams, InfluxSink sink) {
        this.streams = streams;
        this.sink = sink;
        this.sinkThread = new Thread(sink, "influx-sink");
        sinkThread.start();
    }

    public static AnalyticsService start(Config config) throws Exception {
        try (InfluxDB influx = config.influx().connect()) {
            InfluxSetup.Report report = new InfluxSetup(influx, config.influx().database()).ensure();
            log.info("InfluxDB {} at {}: database {} ready ({})", report.serverVersion(), config.influx().url(),
                    config.influx().database(), report);
        }
        StreamsRunner streams = StreamsRunner.start(config.kafka(), config.stateDir(), config.threads());
        InfluxSink sink = new InfluxSink(config.kafka(), new InfluxWriter(config.influx(), InfluxWriter.Options.defaults()));
        log.info("analytics running: Kafka {}, InfluxDB {} database {}", config.kafka(), config.influx().url(),
                config.influx().database());
        return new AnalyticsService(streams, sink);
    }

    public long pointsWritten() {
        return sink.written();
    }

    @Override
    public void close() throws InterruptedException {
        streams.close();
        sink.close();
        sinkThread.interrupt();  // a write waiting for InfluxDB gives up; its records were not committed
        sinkThread.join(10_000);
    }
}
