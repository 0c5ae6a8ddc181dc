package dev.acumat.analytics.web;

import dev.acumat.analytics.influx.InfluxEndpoint;
import io.javalin.config.RoutesConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/health}: whether this instance reaches Kafka and InfluxDB, and how long ago
 * each mat sent its last frame. 200 when both servers answer, 503 otherwise with the one(s)
 * down named in {@code down}, so a load balancer or a monitor can act on the status alone.
 *
 * <p>Each server is asked directly (the broker for its cluster, InfluxDB for a ping) with a short
 * timeout: a running Kafka client does not notice a dead broker for a long time (the streams
 * stay "running", the live feed's polls just come back empty), and health answered "ok" for
 * 90 s after the broker died. The answers are kept {@link #CACHE_FOR} so that a poller cannot
 * turn health requests into load on the servers.
 */
final class HealthRoutes implements WebRoutes {
    /** How long one health request waits for a server. */
    static final Duration TIMEOUT = Duration.ofMillis(1500);
    /** How long a server's answer is reused. */
    static final Duration CACHE_FOR = Duration.ofMillis(1500);

    private final LiveFeed feed;
    private final BooleanSupplier kafkaUp;
    private final ServerCheck kafkaCheck;
    private final ServerCheck influxCheck;

    /**
     * @param kafkaUp   whether the analytics' streams run (or rebalance)
     * @param bootstrap the Kafka cluster to ask
     */
    HealthRoutes(LiveFeed feed, InfluxEndpoint endpoint, BooleanSupplier kafkaUp, String bootstrap) {
        this.feed = feed;
        this.kafkaUp = kafkaUp;
        this.kafkaCheck = ServerCheck.kafka(bootstrap, TIMEOUT, CACHE_FOR);
        this.influxCheck = ServerCheck.influx(endpoint, TIMEOUT, CACHE_FOR);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/health", ctx -> {
            Map<String, Object> body = body(kafkaCheck.status(), kafkaUp.getAsBoolean(), feed.kafkaUp(),
                    influxCheck.status());
            body.put("mats", feed.mats().stream()
                    .map(m -> Map.of("mat", m.mat(), "last_frame_age_s", m.lastFrameAgeS())).toList());
            ctx.status("ok".equals(body.get("status")) ? 200 : 503).json(body);
        });
    }

    /** The answer but the mats: {@code status}, {@code down} when not ok, {@code kafka}, {@code influxdb}. */
    static Map<String, Object> body(ServerCheck.Status broker, boolean streamsRunning, boolean feedReading,
                                    ServerCheck.Status influx) {
        Map<String, Object> kafka = new LinkedHashMap<>();
        String kafkaError = !broker.ok() ? "broker: " + broker.detail()
                : !streamsRunning ? "the analytics' streams are not running"
                : !feedReading ? "the live feed has not read Kafka for 10 s" : null;
        kafka.put("ok", kafkaError == null);
        if (kafkaError != null) {
            kafka.put("error", kafkaError);
        }
        Map<String, Object> influxdb = new LinkedHashMap<>();
        influxdb.put("ok", influx.ok());
        influxdb.put(influx.ok() ? "version" : "error", influx.detail());
        List<String> down = new ArrayList<>();
        if (kafkaError != null) {
            down.add("kafka");
        }
        if (!influx.ok()) {
            down.add("influxdb");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", down.isEmpty() ? "ok" : "degraded");
        if (!down.isEmpty()) {
            body.put("down", down);
        }
        body.put("kafka", kafka);
        body.put("influxdb", influxdb);
        return body;
    }
}
