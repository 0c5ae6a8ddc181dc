package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {
    private static final ServerCheck.Status UP = new ServerCheck.Status(true, "");
    private static final ServerCheck.Status INFLUX_UP = new ServerCheck.Status(true, "1.6.7");

    @Test
    void bothServersAnsweringIsOk() {
        Map<String, Object> body = HealthRoutes.body(UP, true, true, INFLUX_UP);
        assertThat(body).containsEntry("status", "ok").doesNotContainKey("down");
        assertThat(body.get("kafka")).isEqualTo(Map.of("ok", true));
        assertThat(body.get("influxdb")).isEqualTo(Map.of("ok", true, "version", "1.6.7"));
    }

    @Test
    void aDeadBrokerIsDownEvenWhileTheStreamsAndTheFeedLookFine() {
        // The client side notices late: the streams stay "running" and the feed's polls come back empty.
        Map<String, Object> body = HealthRoutes.body(new ServerCheck.Status(false, "no answer within 1500 ms"), true,
                true, INFLUX_UP);
        assertThat(body).containsEntry("status", "degraded").containsEntry("down", List.of("kafka"));
        assertThat(body.get("kafka")).isEqualTo(Map.of("ok", false, "error", "broker: no answer within 1500 ms"));
    }

    @Test
    void streamsThatStoppedAreKafkaDownToo() {
        Map<String, Object> body = HealthRoutes.body(UP, false, true, INFLUX_UP);
        assertThat(body).containsEntry("down", List.of("kafka"));
        assertThat(body.get("kafka")).isEqualTo(Map.of("ok", false, "error", "the analytics' streams are not running"));
    }

    @Test
    void aDeadInfluxdIsNamed() {
        Map<String, Object> body = HealthRoutes.body(UP, true, true,
                new ServerCheck.Status(false, "ConnectException"));
        assertThat(body).containsEntry("status", "degraded").containsEntry("down", List.of("influxdb"));
        assertThat(body.get("influxdb")).isEqualTo(Map.of("ok", false, "error", "ConnectException"));
    }
}
