package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.replay.RecordedFrame;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.PressureFrame;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The player's frames of a mat with a cell order of its own: shown canonical, as the live view shows them. */
class PlaybackEncoderTest {
    @Test
    void aTransposedMatIsPlayedInTheCanonicalOrder() throws IOException {
        DeviceInfo sent = new DeviceInfo("mat-t", 1, 0, 0, 2, 3, 22_000, 25_000, 12, 40_000, 0, List.of());
        PlaybackEncoder encoder = new PlaybackEncoder(true, 10, 1 << 20, CellOrder.parse("transpose"));
        encoder.info(sent);
        int[] cells = {1, 2, 3, 4, 5, 6};  // 1 2 3 / 4 5 6 as the mat sends it
        assertThat(encoder.frame(new RecordedFrame(1_790_000_000_000_000L,
                new PressureFrame(0, 0, 2, 3, cells)), true)).isTrue();
        assertThat(encoder.frame(new RecordedFrame(1_790_000_000_040_000L,
                new PressureFrame(1, 40_000, 3, 2, cells)), true)).as("a frame of the canonical geometry is not the mat's")
                .isTrue();
        JsonNode answer = new ObjectMapper().readTree(encoder.finish());
        assertThat(answer.at("/mat/rows").asInt()).isEqualTo(3);
        assertThat(answer.at("/mat/cols").asInt()).isEqualTo(2);
        assertThat(answer.at("/mat/row_pitch_cm").asDouble()).isEqualTo(2.5);
        assertThat(answer.get("count").asInt()).isEqualTo(1);
        assertThat(answer.at("/frames/0/raw").toString()).isEqualTo("[1,4,2,5,3,6]");
    }

    @Test
    void theOrderTheMatStatesIsPlayedAndTheSettingsWin() throws IOException {
        DeviceInfo sent = new DeviceInfo("mat-s", 1, 0, 0, 2, 3, 25_000, 25_000, 12, 40_000, 0, List.of());
        int[] cells = {1, 2, 3, 6, 5, 4};  // 1 2 3 / 4 5 6 scanned back and forth
        for (var settings : List.of(dev.acumat.analytics.settings.MatSettings.NONE,
                dev.acumat.analytics.settings.MatSettings.builder().order("mat-s", CellOrder.NONE).build())) {
            PlaybackEncoder encoder = new PlaybackEncoder(true, 10, 1 << 20, settings.order("mat-s"), settings, "mat-s");
            encoder.info(sent);
            encoder.layout(dev.acumat.protocol.MatLayout.of(CellOrder.parse("serpentine"),
                    dev.acumat.protocol.MatKind.LUMBAR_PAD));
            encoder.frame(new RecordedFrame(1_790_000_000_000_000L, new PressureFrame(0, 0, 2, 3, cells)), true);
            JsonNode answer = new ObjectMapper().readTree(encoder.finish());
            assertThat(answer.at("/frames/0/raw").toString()).isEqualTo(settings.isEmpty() ? "[1,2,3,4,5,6]"
                    : "[1,2,3,6,5,4]");
            assertThat(answer.at("/frames/0/posture").isNull()).as("a lumbar pad has no posture").isTrue();
        }
    }
}
