package dev.acumat.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Topics;
import dev.acumat.gateway.spool.FsyncPolicy;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingPartitionsTest {
    private static final Map<String, Integer> PARTITIONS = Map.of(Topics.FRAMES, 8,
            Topics.DEVICE_HEALTH, 2);

    @TempDir
    Path dir;
    private Spool spool;

    @BeforeEach
    void openSpool() throws IOException {
        spool = Spool.open(dir, new SpoolConfig(64L << 20, 1L << 20, FsyncPolicy.NEVER, Duration.ofSeconds(1)),
                Time.SYSTEM);
    }

    @AfterEach
    void closeSpool() throws IOException {
        spool.close();
    }

    private void append(String topic, String mat, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            spool.append(topic, mat.getBytes(StandardCharsets.UTF_8), new byte[10], 1_000L, List.of());
        }
    }

    private static TopicPartition partition(String topic, String mat) {
        return new TopicPartition(topic, FrameRecords.partition(mat.getBytes(StandardCharsets.UTF_8),
                PARTITIONS.get(topic)));
    }

    @Test
    void thePartitionsOfTheUnacknowledgedEntriesOnly() throws IOException {
        append(Topics.FRAMES, "mat-0", 5);  // acknowledged below
        append(Topics.FRAMES, "mat-1", 5);
        append(Topics.DEVICE_HEALTH, "mat-1", 1);
        append(Topics.FRAMES, "mat-2", 5);
        assertThat(partition(Topics.FRAMES, "mat-0"))
                .as("the test needs mat-0 apart from the others")
                .isNotIn(partition(Topics.FRAMES, "mat-1"), partition(Topics.FRAMES, "mat-2"));
        spool.acknowledge(4);

        assertThat(PendingPartitions.of(spool, 5, PARTITIONS, 1L << 20)).containsExactlyInAnyOrder(
                partition(Topics.FRAMES, "mat-1"), partition(Topics.DEVICE_HEALTH, "mat-1"),
                partition(Topics.FRAMES, "mat-2"));
    }

    @Test
    void everyPartitionWhenTheEntriesExceedTheLimit() throws IOException {
        append(Topics.FRAMES, "mat-1", 20);  // 15 bytes each with the key

        assertThat(PendingPartitions.of(spool, 0, PARTITIONS, 20 * 15)).hasSize(1);
        assertThat(PendingPartitions.of(spool, 0, PARTITIONS, 20 * 15 - 1)).hasSize(10)
                .isEqualTo(PendingPartitions.all(PARTITIONS));
    }

    @Test
    void nothingWhenEverythingIsAcknowledged() throws IOException {
        append(Topics.FRAMES, "mat-1", 3);
        spool.acknowledge(2);

        assertThat(PendingPartitions.of(spool, 3, PARTITIONS, 1L << 20)).isEmpty();
    }
}
