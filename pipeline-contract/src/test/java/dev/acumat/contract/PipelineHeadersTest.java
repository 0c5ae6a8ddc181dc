package dev.acumat.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PipelineHeadersTest {

    @Test
    void aNumberTravelsAsDecimalAscii() {
        assertThat(new String(PipelineHeaders.decimal(1_790_000_000_000_000L), StandardCharsets.US_ASCII))
                .isEqualTo("1790000000000000");
        assertThat(PipelineHeaders.decimal(PipelineHeaders.decimal(-42))).hasValue(-42);
        assertThat(new String(PipelineHeaders.encodingVersion(), StandardCharsets.US_ASCII)).isEqualTo("1");
    }

    @Test
    void aValueThatIsNoNumberIsNoneRatherThanAnError() {
        assertThat(PipelineHeaders.decimal("12x".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(PipelineHeaders.decimal(new byte[0])).isEmpty();
        assertThat(PipelineHeaders.decimal((byte[]) null)).isEmpty();
    }

    @Test
    void textIsAscii() {
        assertThat(PipelineHeaders.text(PipelineHeaders.text("gw-1"))).isEqualTo("gw-1");
        assertThat(PipelineHeaders.text((byte[]) null)).isNull();
    }
}
