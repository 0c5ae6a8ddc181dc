package dev.acumat.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.analytics.web.AccessToken;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnalyticsConfigTest {
    private static final InfluxEndpoint INFLUX = new InfluxEndpoint(URI.create("http://127.0.0.1:8086"), "acumat", null);

    /** Every setting the analytics needs and has no default for. */
    private static AnalyticsConfig.Builder valid() {
        return AnalyticsConfig.builder().kafka("127.0.0.1:9092").influx(INFLUX).stateDir(Path.of("state"));
    }

    @Test
    void theDefaultsAreTheNamedOnes() {
        AnalyticsConfig config = valid().build();
        assertThat(config.threads()).isEqualTo(AnalyticsConfig.DEFAULT_THREADS).isEqualTo(1);
        assertThat(config.stateMemoryMb()).isEqualTo(AnalyticsConfig.DEFAULT_STATE_MEMORY_MB).isEqualTo(64);
        assertThat(config.httpHost()).as("no web server").isNull();
        assertThat(config.httpToken()).isNull();
        assertThat(config.mats()).isSameAs(MatSettings.NONE);
    }

    @Test
    void aWebServerAnywhereButLoopbackTakesAToken() {
        AccessToken token = AccessToken.of("t", "0123456789abcdef0123");
        AnalyticsConfig config = valid().web("0.0.0.0", 8080).webToken(token).threads(4).build();
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.threads()).isEqualTo(4);
        assertThat(valid().stateMemoryMb(32).build().stateMemoryMb()).isEqualTo(32);
        assertThat(valid().web("127.0.0.1", 0).build().httpPort()).isZero();
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad(b -> b.kafka(" "), "kafka.bootstrap: give the bootstrap servers"),
                bad(b -> b.influx(null), "influx.url: give the InfluxDB URL"),
                bad(b -> b.stateDir(null), "streams.state-dir: give a directory"),
                bad(b -> b.threads(0), "streams.threads must be 1..64, got 0"),
                bad(b -> b.threads(65), "streams.threads must be 1..64, got 65"),
                bad(b -> b.stateMemoryMb(31), "streams.state-memory-mb must be 32..65536, got 31"),
                bad(b -> b.stateMemoryMb(65_537), "streams.state-memory-mb must be 32..65536, got 65537"),
                bad(b -> b.web("127.0.0.1", 70_000), "web.address: port must be 0..65535, got 70000"),
                bad(b -> b.web("0.0.0.0", 8080), "web.address: 0.0.0.0 is not a loopback address"));
    }

    private static Arguments bad(UnaryOperator<AnalyticsConfig.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void eachBadValueNamesItsSetting(UnaryOperator<AnalyticsConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void theEndpointNamesItsSettings() {
        assertThatThrownBy(() -> InfluxEndpoint.of("ftp://h", "acumat")).hasMessageStartingWith("influx.url must be an"
                + " http:// or https:// URL");
        assertThatThrownBy(() -> InfluxEndpoint.of("http://h:8086", "a-b")).hasMessageStartingWith("influx.db must be"
                + " letters, digits and underscores");
    }
}
