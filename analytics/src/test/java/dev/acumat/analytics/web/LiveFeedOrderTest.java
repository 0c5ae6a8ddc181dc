package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The live view of a mat with a cell order: the page gets the turned geometry and the turned cells. */
class LiveFeedOrderTest {
    private static ConsumerRecord<String, byte[]> record(String mat, Object message) {
        byte[] value = message instanceof DeviceInfo i ? MessageWriter.toBytes(i) : MessageWriter.toBytes((PressureFrame) message);
        return new ConsumerRecord<>(Topics.FRAMES, 0, 0, mat, value);
    }

    /** The cells of a frame message: after the magic, the JSON's length and the JSON. */
    private static byte[] cells(byte[] message) {
        int json = ByteBuffer.wrap(message, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(message, 8 + json, message.length);
    }

    @Test
    void aTransposedMatIsShownAsTheCanonicalOne() throws Exception {
        // The same 3 x 2 picture: mat-p sends it as it is, mat-t (wired transposed) as 2 x 3.
        int[] canonical = {400, 800, 1200, 1600, 2000, 2400};
        int[] sent = new int[6];
        CellOrder transpose = CellOrder.parse("transpose");
        transpose.inverse().apply(canonical, 3, 2, sent);
        DeviceInfo plainInfo = new DeviceInfo("mat-p", 1, 0, 0, 3, 2, 28_000, 22_000, 12, 40_000, 0, List.of());
        DeviceInfo turnedInfo = new DeviceInfo("mat-t", 1, 0, 0, 2, 3, 22_000, 28_000, 12, 40_000, 0, List.of());
        Browser plain = new Browser();
        Browser turned = new Browser();
        try (LiveFeed feed = new LiveFeed("127.0.0.1:1", MatSettings.builder().order("mat-t", transpose).build())) {
            feed.watch(plain.client("mat-p"));
            feed.watch(turned.client("mat-t"));
            feed.onFrame(record("mat-p", plainInfo));
            feed.onFrame(record("mat-t", turnedInfo));
            feed.onFrame(record("mat-p", new PressureFrame(0, 0, 3, 2, canonical)));
            feed.onFrame(record("mat-t", new PressureFrame(0, 0, 2, 3, sent)));
            assertThat(feed.mats()).extracting(LiveFeed.MatStatus::rows).containsOnly(3);
        }
        ObjectMapper json = new ObjectMapper();
        // The first text is the status (the mats were not heard of yet when watched), then the mat message.
        String turnedMat = turned.texts.stream().filter(t -> t.startsWith("{\"type\":\"mat\"")).findFirst().orElseThrow();
        String plainMat = plain.texts.stream().filter(t -> t.startsWith("{\"type\":\"mat\"")).findFirst().orElseThrow();
        JsonNode mat = json.readTree(turnedMat);
        assertThat(mat.get("rows").asInt()).isEqualTo(3);
        assertThat(mat.get("cols").asInt()).isEqualTo(2);
        assertThat(mat.get("row_pitch_cm").asDouble()).isEqualTo(2.8);
        assertThat(turnedMat.replace("mat-t", "mat-p")).isEqualTo(plainMat);
        assertThat(turned.frames).hasSize(1);
        assertThat(cells(turned.frames.get(0))).hasSize(6).isEqualTo(cells(plain.frames.get(0)));
        byte[] c = cells(plain.frames.get(0));
        assertThat(c[0] & 0xFF).as("the picture is not flat: a wrong order would show").isLessThan(c[1] & 0xFF)
                .isLessThan(c[5] & 0xFF);
    }
}
