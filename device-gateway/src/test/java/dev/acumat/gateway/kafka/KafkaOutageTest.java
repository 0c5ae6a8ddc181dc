package dev.acumat.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaOutageTest {
    private static final long S = 1_000_000_000L;
    private final KafkaOutage outage = new KafkaOutage();

    @Test
    void saysHowLongEveryThirtySecondsAndOnceWhenKafkaIsBack() {
        assertThat(outage.unreachable(100 * S, 100 * S, 10)).as("a failure alone may pass").isNull();
        assertThat(outage.unreachable(125 * S, 110 * S, 900)).isNull();
        assertThat(outage.unreachable(130 * S, 130 * S, 1_000)).isEqualTo("Kafka unreachable for 30 s; 1000 frames spooled");
        assertThat(outage.unreachable(140 * S, 140 * S, 1_250)).isNull();
        assertThat(outage.unreachable(161 * S, 161 * S, 2_000)).isEqualTo("Kafka unreachable for 61 s; 2000 frames spooled");
        assertThat(outage.reachable(170 * S, 2_200)).isEqualTo("Kafka reachable again after 70 s; 2200 frames spooled");
        assertThat(outage.reachable(171 * S, 2_000)).as("said once").isNull();
    }

    @Test
    void countsFromTheOldestRecordKafkaHasNotAcknowledged() {
        assertThat(outage.unreachable(130 * S, 0, 5)).isEqualTo("Kafka unreachable for 130 s; 5 frames spooled");
    }

    @Test
    void aFailureThatPassesBeforeTheFirstReportIsNotReportedAsBack() {
        outage.unreachable(100 * S, 100 * S, 10);
        assertThat(outage.reachable(105 * S, 10)).isNull();
        assertThat(outage.unreachable(200 * S, 200 * S, 10)).as("a new outage counts from its own start").isNull();
        assertThat(outage.unreachable(230 * S, 230 * S, 10)).isEqualTo("Kafka unreachable for 30 s; 10 frames spooled");
    }
}
