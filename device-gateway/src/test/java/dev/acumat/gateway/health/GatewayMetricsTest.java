package dev.acumat.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    @Test
    void theSpoolAndKafkaMetersStillReadAfterACollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong depth = new AtomicLong(42);
        AtomicLong sent = new AtomicLong(7);
        // Suppliers made for the call, as the gateway passes method references: Micrometer alone
        // would hold them weakly, and after a collection the spool depth read NaN.
        GatewayMetrics metrics = new GatewayMetrics(registry, Map.of(), () -> depth.get(), () -> sent.get(), () -> 3,
                () -> 1);
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThat(registry.get("acumat.gateway.spool.depth").gauge().value()).isEqualTo(42.0);
        assertThat(registry.get("acumat.gateway.kafka.sent").functionCounter().count()).isEqualTo(7.0);
        assertThat(registry.get("acumat.gateway.kafka.duplicates.skipped").functionCounter().count()).isEqualTo(3.0);
        assertThat(registry.get("acumat.gateway.kafka.refused").functionCounter().count()).isEqualTo(1.0);
        assertThat(metrics).isNotNull();
    }
}
