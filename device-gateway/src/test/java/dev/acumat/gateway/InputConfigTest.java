package dev.acumat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.gateway.input.InputFormat;
import dev.acumat.gateway.input.TextMat;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputConfigTest {
    private static InputConfig input(String format, Integer rows, Integer cols, Double pitch, int bits, boolean invert) {
        return new InputConfig(InputFormat.parse(format), rows, cols, pitch, pitch, bits, invert);
    }

    @Test
    void aTextMatIsMadeOfTheOptions() {
        TextMat mat = new InputConfig(InputFormat.CSV, 16, 16, 25.0, 30.5, 10, true).textMat("text-ttyUSB0");
        assertThat(mat).isEqualTo(new TextMat("text-ttyUSB0", 16, 16, 25_000, 30_500, 10, true));
        assertThat(InputConfig.DEFAULT.format()).isEqualTo(InputFormat.AUTO);
        assertThat(InputConfig.DEFAULT.textMat("x")).as("auto without a grid reads no text mat").isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "csv|-|-|-|10|false|--input csv needs --rows, --cols and --pitch-mm",
            "auto|16|-|25|10|false|--rows and --cols go together",
            "csv|0|16|25|10|false|--rows must be 1..256, got 0",
            "csv|16|300|25|10|false|--cols must be 1..256, got 300",
            "csv|16|16|-|10|false|--rows and --cols need --pitch-mm",
            "auto|-|-|25|10|false|--pitch-mm needs --rows and --cols",
            "csv|16|16|25|17|false|--adc-bits must be 1..16, got 17",
            "binary|16|16|25|10|false|with --input binary the mat's device-info says its grid",
            "binary|-|-|-|10|true|--invert is for a text mat",
            "text|-|-|-|10|false|--input must be binary, csv or auto, got 'text'"})
    void mistakesNameTheOption(String format, Integer rows, Integer cols, Double pitch, int bits, boolean invert,
                               String message) {
        assertThatThrownBy(() -> input(format, rows, cols, pitch, bits, invert))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aTextMatNeedsItsPortsPath() {
        assertThatThrownBy(() -> new GatewayConfig("auto", 115_200, "localhost:9092", Path.of("spool"), 64L << 20,
                "interval", null, 32, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10),
                new InputConfig(InputFormat.CSV, 4, 4, 25.0, 25.0, 10, false)))
                .hasMessageContaining("--serial auto finds a mat by its answer to the acumat protocol");
    }

    @ParameterizedTest
    @CsvSource({
            "/dev/ttyACM0, text-ttyACM0",
            "/dev/serial/by-id/usb-Arduino_LLC_Uno_8573-if00, text-usb-Arduino_LLC_Uno_8573-if00",
            "/tmp/my mat/, text-my_mat",
            "COM3, text-COM3",
            "auto, text-mat"})
    void aTextMatWithoutAnIdIsNamedAfterItsPort(String serial, String id) {
        assertThat(TextMat.defaultMatId(serial)).isEqualTo(id);
        GatewayConfig config = new GatewayConfig(serial, 115_200, "localhost:9092", Path.of("spool"), 64L << 20,
                "interval", null, 32, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(config.textMatId()).isEqualTo(id);
    }
}
