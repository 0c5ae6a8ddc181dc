package dev.acumat.analytics.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.protocol.PressureFrame;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KafkaFrameStoreTest {
    private static final PressureFrame FRAME = new PressureFrame(7, 2_000_000, 1, 1, new int[] {5});
    private static final long RECORD_MS = 1_790_000_000_000L;

    @Test
    void aReplayReadsOnlyCommittedRecords() {
        assertThat(KafkaFrameStore.consumerConfig("127.0.0.1:1")).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
    }

    private static long time(byte[] anchor) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(PipelineHeaders.CLOCK_ANCHOR_US, anchor);
        return KafkaFrameStore.timeMicros(FRAME, headers, RECORD_MS);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theFrameTimeIsTheAnchorPlusTheDeviceTime() {
        assertThat(time(ascii("1790000000000000"))).isEqualTo(1_790_000_002_000_000L);
        assertThat(KafkaFrameStore.timeMicros(FRAME, new RecordHeaders(), RECORD_MS)).isEqualTo(RECORD_MS * 1000);
    }

    @Test
    void anAnchorThatIsNoTimeGivesTheRecordsTime() {
        assertThat(time(null)).isEqualTo(RECORD_MS * 1000);
        assertThat(time(new byte[0])).isEqualTo(RECORD_MS * 1000);
        assertThat(time(new byte[] {0, 0, 0, 0, 0, 0, 0, 42})).isEqualTo(RECORD_MS * 1000);
        assertThat(time(ascii("-1790000000000000"))).as("before 1970").isEqualTo(RECORD_MS * 1000);
        assertThat(time(PipelineHeaders.decimal(Long.MAX_VALUE))).as("overflowed").isEqualTo(RECORD_MS * 1000);
    }
}
