package dev.acumat.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class KafkaErrorsTest {
    @Test
    void aTimeoutWithoutAMessageNamesTheBrokerTheWaitAndWhatToCheck() {
        assertThat(KafkaErrors.describe(new java.util.concurrent.TimeoutException(), "k1:9092"))
                .isEqualTo("Kafka at k1:9092 did not answer within 10 s; is the broker running and reachable from here?");
        assertThat(KafkaErrors.describe(new TimeoutException((String) null), "k1:9092,k2:9092"))
                .isEqualTo("Kafka at k1:9092,k2:9092 did not answer within 10 s; "
                        + "is the broker running and reachable from here?");
    }

    @Test
    void aTimeoutWithAMessageKeepsIt() {
        assertThat(KafkaErrors.describe(new ExecutionException(new TimeoutException(
                "Expiring 3 record(s) for acumat.frames-1:120001 ms has passed since batch creation")), "k1:9092"))
                .isEqualTo("Kafka at k1:9092 timed out (TimeoutException: Expiring 3 record(s) for "
                        + "acumat.frames-1:120001 ms has passed since batch creation); "
                        + "is the broker running and reachable from here?");
    }

    @Test
    void anOutOfOrderSequenceSaysANewProducerResends() {
        assertThat(KafkaErrors.describe(new OutOfOrderSequenceException("The broker received an out of order "
                + "sequence number."), "k1:9092"))
                .isEqualTo("Kafka at k1:9092 lost track of the producer's sequence (OutOfOrderSequenceException: "
                        + "The broker received an out of order sequence number.); a new producer resends from the spool");
    }

    @Test
    void anyOtherFailureIsNamedWithItsMessageOrItsCause() {
        assertThat(KafkaErrors.describe(new KafkaException("Failed to construct kafka producer"), "k1:9092"))
                .isEqualTo("Kafka at k1:9092: KafkaException: Failed to construct kafka producer");
        assertThat(KafkaErrors.describe(new KafkaException(new IllegalStateException("no")), null))
                .isEqualTo("Kafka: KafkaException: java.lang.IllegalStateException: no");
        assertThat(KafkaErrors.describe(new IllegalStateException(), null)).isEqualTo("Kafka: IllegalStateException");
    }
}
