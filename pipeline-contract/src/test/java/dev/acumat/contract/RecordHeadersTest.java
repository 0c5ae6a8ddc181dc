package dev.acumat.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordHeadersTest {

    @Test
    void aNumberTravelsAsDecimalAscii() {
        assertThat(new String(RecordHeaders.decimal(1_790_000_000_000_000L), StandardCharsets.US_ASCII))
                .isEqualTo("1790000000000000");
        assertThat(RecordHeaders.decimal(RecordHeaders.decimal(-42))).hasValue(-42);
        assertThat(new String(RecordHeaders.encodingVersion(), StandardCharsets.US_ASCII)).isEqualTo("1");
    }

    @Test
    void aValueThatIsNoNumberIsNoneRatherThanAnError() {
        assertThat(RecordHeaders.decimal("12x".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(RecordHeaders.decimal(new byte[0])).isEmpty();
        assertThat(RecordHeaders.decimal((byte[]) null)).isEmpty();
    }

    @Test
    void textIsAscii() {
        assertThat(RecordHeaders.text(RecordHeaders.text("gw-1"))).isEqualTo("gw-1");
        assertThat(RecordHeaders.text((byte[]) null)).isNull();
    }
}
