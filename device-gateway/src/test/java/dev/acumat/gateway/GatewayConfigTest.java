package dev.acumat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.gateway.input.InputFormat;
import dev.acumat.gateway.spool.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayConfigTest {
    /** Every setting a gateway needs and has no default for. */
    private static GatewayConfig.Builder valid() {
        return GatewayConfig.builder().serial("/dev/ttyACM0").kafka("127.0.0.1:9092").spoolDir(Path.of("spool"));
    }

    @Test
    void theDefaultsAreTheNamedOnes() {
        GatewayConfig config = valid().build();
        assertThat(config.baud()).isEqualTo(GatewayConfig.DEFAULT_BAUD).isEqualTo(921_600);
        assertThat(config.spoolMaxBytes()).isEqualTo(GatewayConfig.DEFAULT_SPOOL_MAX_MB << 20).isEqualTo(1L << 30);
        assertThat(config.spoolFsync()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(FsyncPolicy.of(GatewayConfig.DEFAULT_SPOOL_FSYNC)).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(config.partitions()).isEqualTo(GatewayConfig.DEFAULT_PARTITIONS).isEqualTo(32);
        assertThat(config.silenceTimeout()).isEqualTo(Duration.ofSeconds(GatewayConfig.DEFAULT_SILENCE_TIMEOUT_SECONDS));
        assertThat(config.reconnectMax()).isEqualTo(Duration.ofSeconds(GatewayConfig.DEFAULT_RECONNECT_MAX_SECONDS));
        assertThat(config.healthInterval()).isEqualTo(Duration.ofSeconds(GatewayConfig.DEFAULT_HEALTH_INTERVAL_SECONDS));
        assertThat(config.input()).isSameAs(InputConfig.DEFAULT);
        assertThat(config.matId()).isNull();
        assertThat(config.matLayout()).isNull();
    }

    @Test
    void aSensibleConfigurationIsAccepted() {
        assertThatCode(() -> valid().kafka("127.0.0.1:9092,kafka-2:9093").spoolFsync("interval").build())
                .doesNotThrowAnyException();
        GatewayConfig config = valid().serial("auto").baud(115_200).kafka("[::1]:9092").spoolFsync(FsyncPolicy.ALWAYS)
                .matId("mat-1").spoolMaxMb(16).partitions(1).build();
        assertThat(config.autoDetect()).isTrue();
        assertThat(config.spoolFsync()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(config.spoolMaxBytes()).isEqualTo(16L << 20);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad(b -> b.serial(""), "serial.port: give the mat's port (a path) or auto"),
                bad(b -> b.serial(null), "serial.port: give the mat's port"),
                bad(b -> b.baud(12), "serial.baud must be 300..12000000, got 12"),
                bad(b -> b.kafka(""), "kafka.bootstrap: give the bootstrap servers"),
                bad(b -> b.kafka("localhost"), "kafka.bootstrap: 'localhost' is not host:port"),
                bad(b -> b.kafka("localhost:99999"), "kafka.bootstrap: 'localhost:99999' is not host:port"),
                bad(b -> b.spoolDir(null), "spool.dir: give a directory"),
                bad(b -> b.spoolMaxMb(15), "spool.max-mb must be 16..16777216, got 15"),
                bad(b -> b.spoolMaxMb(Long.MAX_VALUE / 1024), "spool.max-mb must be 16..16777216"),
                bad(b -> b.spoolFsync("sometimes"), "spool.fsync must be always, interval or never, got 'sometimes'"),
                bad(b -> b.spoolFsync((FsyncPolicy) null), "spool.fsync must be always, interval or never, got 'null'"),
                bad(b -> b.matId("bad id"), "mat.id must be 1..64 of A-Z a-z 0-9 . _ : -, got 'bad id'"),
                bad(b -> b.partitions(0), "kafka.partitions must be 1..10000, got 0"),
                bad(b -> b.silenceTimeout(Duration.ZERO), "serial.silence-timeout must be in (0, 86400] seconds, got 0.0"),
                bad(b -> b.reconnectMax(Duration.ofSeconds(-1)), "serial.reconnect-max must be in (0, 86400] seconds"),
                bad(b -> b.healthInterval(Duration.ofDays(2)), "health.interval must be in (0, 86400] seconds, got 172800.0"),
                bad(b -> b.healthInterval(null), "health.interval must be in (0, 86400] seconds, got none"),
                bad(b -> b.input(null), "mat.input: give what the port carries"),
                bad(b -> b.serial("auto").input(InputConfig.builder().format(InputFormat.CSV).rows(4).cols(4)
                        .pitchMm(25.0, 25.0).build()), "serial.port auto finds a mat by its answer to the acumat"
                        + " protocol; a text mat (mat.input csv) needs its port's path"));
    }

    private static Arguments bad(UnaryOperator<GatewayConfig.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void eachBadValueNamesItsSetting(UnaryOperator<GatewayConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void thePortIsCheckedAloneInTheBuildersWords() {
        assertThatThrownBy(() -> GatewayConfig.checkPort("/dev/ttyACM0", 12, null))
                .hasMessage("serial.baud must be 300..12000000, got 12");
        assertThatCode(() -> GatewayConfig.checkPort("auto", 115_200, "mat-1")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
            "/dev/ttyACM0, text-ttyACM0",
            "/dev/serial/by-id/usb-Arduino_LLC_Uno_8573-if00, text-usb-Arduino_LLC_Uno_8573-if00",
            "/tmp/my mat/, text-my_mat",
            "COM3, text-COM3",
            "auto, text-mat"})
    void aTextMatWithoutAnIdIsNamedAfterItsPort(String serial, String id) {
        assertThat(valid().serial(serial).build().textMatId()).isEqualTo(id);
        assertThat(valid().serial(serial).matId("m-1").build().textMatId()).isEqualTo("m-1");
    }
}
