package dev.acumat.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MatIdTest {

    @Test
    void aMatIdIsWhatTheWireFormatAcceptsAsOne() {
        for (char c = 0; c < 0x300; c++) {
            String id = "mat" + c;
            assertThat(MatId.isValid(id)).as("U+%04X", (int) c).isEqualTo(WireFormat.isValidMatId(id));
        }
        for (int length = 0; length <= 66; length++) {
            String id = "a".repeat(length);
            assertThat(MatId.isValid(id)).as("length %d", length).isEqualTo(WireFormat.isValidMatId(id));
        }
        assertThat(MatId.MAX_LENGTH).isEqualTo(WireFormat.MAX_MAT_ID_BYTES);
        assertThat(MatId.isValid(null)).isFalse();
    }

    @Test
    void anInvalidIdIsRefusedInOneLineThatNamesTheRule() {
        assertThatThrownBy(() -> MatId.of("bad\nid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a mat id (1..64 of A-Z a-z 0-9 . _ : -): bad?id");
        assertThatThrownBy(() -> MatId.of(null)).hasMessageEndingWith("(none)");
    }

    @Test
    void aKeyIsReadOrDropped() {
        assertThat(MatId.fromKey("mat-1".getBytes(StandardCharsets.UTF_8))).isEqualTo(MatId.of("mat-1"));
        assertThat(MatId.fromKey("mat 1".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(MatId.fromKey(null)).isNull();
        assertThat(MatId.ofOrNull("")).isNull();
        assertThat(MatId.of("mat-1").key()).isEqualTo("mat-1".getBytes(StandardCharsets.US_ASCII));
        assertThat(MatId.of("mat-1")).hasToString("mat-1");
    }
}
