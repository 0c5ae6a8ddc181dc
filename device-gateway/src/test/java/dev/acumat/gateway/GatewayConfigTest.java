package dev.acumat.gateway;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    private static GatewayConfig config(String serial, int baud, String kafka, String fsync, String matId) {
        return new GatewayConfig(serial, baud, kafka, Path.of("spool"), 64L << 20, fsync, matId, 32,
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    @Test
    void aSensibleConfigurationIsAccepted() {
        assertThatCode(() -> config("/dev/ttyACM0", 921_600, "127.0.0.1:9092,kafka-2:9093", "interval", null))
                .doesNotThrowAnyException();
        assertThatCode(() -> config("auto", 115_200, "[::1]:9092", "always", "mat-1")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|921600|localhost:9092|interval|''|--serial",
            "auto|12|localhost:9092|interval|''|--baud must be 300..12000000, got 12",
            "auto|921600|''|interval|''|--kafka: give the bootstrap servers",
            "auto|921600|localhost|interval|''|--kafka: 'localhost' is not host:port",
            "auto|921600|localhost:99999|interval|''|--kafka: 'localhost:99999' is not host:port",
            "auto|921600|localhost:9092|sometimes|''|--spool-fsync must be always, interval or never, got sometimes",
            "auto|921600|localhost:9092|interval|bad id|--mat-id must be"})
    void mistakesNameTheOption(String serial, int baud, String kafka, String fsync, String matId, String message) {
        assertThatThrownBy(() -> config(serial, baud, kafka, fsync, matId.isEmpty() ? null : matId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
