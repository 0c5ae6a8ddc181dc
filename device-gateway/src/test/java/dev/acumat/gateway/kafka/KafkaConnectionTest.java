package dev.acumat.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {
    @Test
    void theProducerGivesUpARecordAfterTheDeliveryTimeout() {
        Properties p = KafkaConnection.producerConfig("127.0.0.1:9", "test");
        assertThat(p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo((int) KafkaSender.DELIVERY_TIMEOUT.toMillis());
        assertThat(KafkaSender.STALL_TIMEOUT).as("the producer's own timeout fires first").isGreaterThan(
                KafkaSender.DELIVERY_TIMEOUT);
        // Kafka refuses a delivery timeout shorter than linger plus the request timeout when the
        // producer is made; no broker is needed for that.
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()).close(Duration.ZERO);
    }
}
