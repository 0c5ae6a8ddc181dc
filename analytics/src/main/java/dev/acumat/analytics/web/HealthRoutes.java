package dev.acumat.analytics.web;

import dev.acumat.analytics.influx.InfluxEndpoint;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Pong;

/**
 * {@code GET /api/health}: whether this instance reaches Kafka and InfluxDB, and how long ago
 * each mat sent its last frame. 200 when both servers answer, 503 otherwise, so a load
 * balancer or a monitor can act on the status alone.
 */
final class HealthRoutes implements WebRoutes {
    private final LiveFeed feed;
    private final InfluxDB influx;
    private final BooleanSupplier kafkaUp;

    /** @param kafkaUp whether the analytics' streams run (or rebalance): they reach the cluster */
    HealthRoutes(LiveFeed feed, InfluxEndpoint endpoint, BooleanSupplier kafkaUp) {
        this.feed = feed;
        this.influx = endpoint.connect();
        this.kafkaUp = kafkaUp;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/health", ctx -> {
            Map<String, Object> influxStatus = new LinkedHashMap<>();
            boolean influxUp;
            try {
                Pong pong = influx.ping();
                influxUp = pong.isGood();
                influxStatus.put("ok", influxUp);
                influxStatus.put("version", pong.getVersion());
            } catch (RuntimeException e) {
                influxUp = false;
                influxStatus.put("ok", false);
                influxStatus.put("error", e.getClass().getSimpleName());
            }
            boolean kafkaUp = this.kafkaUp.getAsBoolean() && feed.kafkaUp();
            List<LiveFeed.MatStatus> mats = feed.mats();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", kafkaUp && influxUp ? "ok" : "degraded");
            body.put("kafka", Map.of("ok", kafkaUp));
            body.put("influxdb", influxStatus);
            body.put("mats", mats.stream().map(m -> Map.of("mat", m.mat(), "last_frame_age_s", m.lastFrameAgeS()))
                    .toList());
            ctx.status(kafkaUp && influxUp ? 200 : 503).json(body);
        });
    }
}
