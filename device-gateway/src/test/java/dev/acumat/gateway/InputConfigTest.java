package dev.acumat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.gateway.input.InputFormat;
import dev.acumat.gateway.input.TextMat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputConfigTest {
    private static InputConfig input(String format, Integer rows, Integer cols, Double pitch, int bits, boolean invert) {
        return InputConfig.builder().format(format).rows(rows).cols(cols).pitchMm(pitch, pitch).adcBits(bits)
                .invert(invert).build();
    }

    @Test
    void aTextMatIsMadeOfTheSettings() {
        TextMat mat = InputConfig.builder().format(InputFormat.CSV).rows(16).cols(16).pitchMm(25.0, 30.5).invert(true)
                .build().textMat("text-ttyUSB0");
        assertThat(mat).isEqualTo(new TextMat("text-ttyUSB0", 16, 16, 25_000, 30_500, 10, true));
        assertThat(InputConfig.DEFAULT.format()).isEqualTo(InputFormat.AUTO);
        assertThat(InputFormat.of(InputConfig.DEFAULT_FORMAT)).isEqualTo(InputFormat.AUTO);
        assertThat(InputConfig.DEFAULT.adcBits()).isEqualTo(InputConfig.DEFAULT_ADC_BITS).isEqualTo(10);
        assertThat(InputConfig.DEFAULT.textMat("x")).as("auto without a grid reads no text mat").isNull();
        assertThat(input("BINARY", null, null, null, 10, false).format()).isEqualTo(InputFormat.BINARY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "csv|-|-|-|10|false|mat.input csv needs mat.rows, mat.cols and mat.pitch-mm",
            "auto|16|-|25|10|false|mat.rows and mat.cols go together",
            "csv|0|16|25|10|false|mat.rows must be 1..256, got 0",
            "csv|16|300|25|10|false|mat.cols must be 1..256, got 300",
            "csv|16|16|-|10|false|mat.rows and mat.cols need mat.pitch-mm",
            "csv|16|16|0|10|false|mat.pitch-mm must be in (0, 1000] mm, each way",
            "auto|-|-|25|10|false|mat.pitch-mm needs mat.rows and mat.cols",
            "csv|16|16|25|17|false|mat.adc-bits must be 1..16, got 17",
            "binary|16|16|25|10|false|with mat.input binary the mat's device-info says its grid",
            "binary|-|-|-|10|true|mat.invert is for a text mat",
            "text|-|-|-|10|false|mat.input must be binary, csv or auto, got 'text'"})
    void eachBadValueNamesItsSetting(String format, Integer rows, Integer cols, Double pitch, int bits, boolean invert,
                                     String message) {
        assertThatThrownBy(() -> input(format, rows, cols, pitch, bits, invert))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aPitchIsGivenBothWaysOrNot() {
        assertThatThrownBy(() -> InputConfig.builder().rows(4).cols(4).pitchMm(25.0, null).build())
                .hasMessage("mat.pitch-mm: give P or RxC");
    }
}
