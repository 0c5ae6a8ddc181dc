package dev.acumat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.StreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks' inputs are what they claim, and JMH found the benchmarks; measures nothing. */
class BenchmarksTest {
    @Test
    void theDecoderStreamIsCleanAndWhole() {
        List<Message> messages = new ArrayList<>();
        List<DecodeError> errors = new ArrayList<>();
        new StreamDecoder().feed(DecoderBenchmark.stream("32x20"), new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                messages.add(message);
            }

            @Override
            public void onError(DecodeError error) {
                errors.add(error);
            }
        });
        assertThat(errors).isEmpty();
        assertThat(messages).hasSize(DecoderBenchmark.FRAMES + 1);
    }

    @Test
    void theSampleWalksThroughTheScenario() {
        SampleFrames sample = SampleFrames.of("64x32", "m", 256, 13);
        assertThat(sample.frames()).hasSize(256);
        assertThat(sample.info().rows()).isEqualTo(64);
        long distinct = sample.frames().stream().map(f -> java.util.Arrays.hashCode(f.toArray())).distinct().count();
        assertThat(distinct).isGreaterThan(200);
        int least = sample.frames().stream().mapToInt(f -> f.nonZeroCells()).min().orElseThrow();
        int most = sample.frames().stream().mapToInt(f -> f.nonZeroCells()).max().orElseThrow();
        assertThat(least).isLessThan(most);
    }

    @Test
    void theLoadsFramesAreWhatTheWriterMakes() {
        PressureFrame f = SampleFrames.of("32x20", "m", 16, 13).frames().get(9);
        byte[] patched = MatLoad.withSequenceAndTime(MessageWriter.toBytes(f), 0xFFFF_FFFEL, 123_456_789_012L);
        PressureFrame expected = new PressureFrame(0xFFFF_FFFEL, 123_456_789_012L, f.rows(), f.cols(), f.toArray());
        assertThat(patched).isEqualTo(MessageWriter.toBytes(expected));
    }

    @Test
    void jmhGeneratedBothBenchmarks() throws IOException {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(list).isNotNull();
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("DecoderBenchmark", "AnalyzerBenchmark");
        }
    }

    @Test
    void theTableLinesUpAndMarksMissedTargets() {
        Results r = new Results();
        r.add("decoder, MB/s", "612", ">= 500", true);
        r.add("lag", "1,000 frames", "0", false);
        r.add("note", "x");
        String[] lines = r.table().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0].length()).isEqualTo(lines[4].length());
        assertThat(lines[2]).contains("ok");
        assertThat(lines[3]).contains("MISSED");
    }
}
