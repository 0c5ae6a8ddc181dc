package dev.acumat.analytics;

import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.influx.InfluxSetup;
import dev.acumat.analytics.influx.InfluxWriter;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.analytics.sink.InfluxSink;
import dev.acumat.analytics.stream.StreamsRunner;
import dev.acumat.analytics.web.LiveFeed;
import dev.acumat.analytics.web.WebServer;
import dev.acumat.time.Time;
import java.time.Duration;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics service, whole: the Kafka Streams topology computing per-mat metrics into
 * Kafka, and the sink taking them (and the gateway's health) into InfluxDB. Either side waits
 * for its server rather than failing: Kafka's clients reconnect, the sink retries InfluxDB.
 */
public final class AnalyticsService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnalyticsService.class);

    /** How often the setup is tried again while InfluxDB does not answer at start. */
    private static final Duration SETUP_RETRY = Duration.ofSeconds(5);

    private final StreamsRunner streams;
    private final InfluxSink sink;
    private final Thread sinkThread;
    private final LiveFeed live;
    private final WebServer web;

    private static void setUpInflux(AnalyticsConfig config) {
        try (InfluxDB influx = config.influx().connect()) {
            InfluxSetup.Report report = new InfluxSetup(influx, config.influx().database()).ensure();
            log.info("InfluxDB {} at {}: database {} ready ({})", report.serverVersion(), config.influx().url(),
                    config.influx().database(), report);
        } catch (IllegalStateException e) {
            // A writer that is no admin may not look at retention policies or continuous queries:
            // the writes can still work if an admin made the database (docs/OPERATIONS.md).
            log.warn("InfluxDB refused to set up database {} ({}); going on: the writes need it to exist",
                    config.influx().database(), e.getMessage());
        }
    }

    private static void setUpWhenItAnswers(AnalyticsConfig config) {
        while (true) {
            try {
                Time.SYSTEM.sleep(SETUP_RETRY);
                setUpInflux(config);
                return;
            } catch (InfluxDBIOException e) {
                log.debug("InfluxDB still does not answer: {}", e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private AnalyticsService(StreamsRunner streams, InfluxSink sink, LiveFeed live, WebServer web) {
        this.streams = streams;
        this.sink = sink;
        this.live = live;
        this.web = web;
        this.sinkThread = new Thread(sink, "influx-sink");
        sinkThread.start();
    }

    public static AnalyticsService start(AnalyticsConfig config) throws Exception {
        try {
            setUpInflux(config);
        } catch (InfluxDBIOException e) {
            // InfluxDB away (restarting, a network cut) is no reason not to start: the frames wait
            // in Kafka, the sink retries its writes, and the setup is done once it answers.
            log.warn("InfluxDB at {} does not answer ({}); starting anyway, setting it up once it does",
                    config.influx().url(), e.getMessage());
            Thread retry = new Thread(() -> setUpWhenItAnswers(config), "influx-setup");
            retry.setDaemon(true);
            retry.start();
        }
        if (!config.mats().isEmpty()) {
            log.info("mats with settings of their own: {}", config.mats());
        }
        StreamsRunner streams = StreamsRunner.start(config.kafka(), config.stateDir(), config.threads(),
                config.stateMemoryMb() << 20, config.mats());
        InfluxSink sink = new InfluxSink(config.kafka(), new InfluxWriter(config.influx(),
                InfluxWriter.Options.forEndpoint(config.influx())));
        LiveFeed live = null;
        WebServer web = null;
        if (config.httpHost() != null) {
            live = new LiveFeed(config.kafka(), config.mats());
            Thread liveThread = new Thread(live, "live-feed");
            liveThread.setDaemon(true);
            liveThread.start();
            web = WebServer.start(config.httpHost(), config.httpPort(), config.httpToken(),
                    WebServer.routes(live, config.influx(), streams::running, config.kafka(), config.mats()));
        }
        log.info("analytics running: Kafka {}, InfluxDB {} database {}", config.kafka(), config.influx().url(),
                config.influx().database());
        return new AnalyticsService(streams, sink, live, web);
    }

    /** Sessions running now, as the live view knows them (0 without a web server). */
    public long activeSessions() {
        return live == null ? 0 : live.activeSessions();
    }

    /** The web server's port, or -1 without one. */
    public int httpPort() {
        return web == null ? -1 : web.port();
    }

    public long pointsWritten() {
        return sink.written();
    }

    @Override
    public void close() throws InterruptedException {
        close(StreamsRunner.CLOSE_GRACE);
    }

    /**
     * Stops, waiting at most {@code grace} for the stream threads to commit: an owner that knows
     * the broker is gone need not wait for it (what was not committed is processed again).
     */
    public void close(Duration grace) throws InterruptedException {
        if (web != null) {
            web.close();
            live.close();
        }
        streams.close(grace);
        sink.close();
        sinkThread.join(10_000);
        if (sinkThread.isAlive()) {
            // Still waiting for InfluxDB: give up the write; its records were not committed.
            sinkThread.interrupt();
            sinkThread.join(10_000);
        }
    }
}
