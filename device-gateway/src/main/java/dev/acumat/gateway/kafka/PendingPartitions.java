package dev.acumat.gateway.kafka;

import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions the spool's unacknowledged entries go to: the only ones in which Kafka can
 * hold a record the sender would send again. A gateway serves one mat, so this is usually one
 * frames partition and one device-health partition.
 */
final class PendingPartitions {
    /** Beyond this many bytes of entries the scan stops: a long outage's backlog is not read twice. */
    static final long SCAN_LIMIT_BYTES = 64L << 20;

    private PendingPartitions() {
    }

    /**
     * The partitions of the entries from {@code first} to the spool's end. Every entry a former
     * producer can have sent is there, since the spool had it before this scan began. When
     * the entries exceed {@code limitBytes}, every partition of {@code partitions}' topics:
     * a wider search than needed, never a narrower one.
     */
    static Set<TopicPartition> of(Spool spool, long first, Map<String, Integer> partitions, long limitBytes)
            throws IOException {
        Set<TopicPartition> pending = new HashSet<>();
        long bytes = 0;
        try (Spool.Reader reader = spool.reader(first)) {
            for (SpoolEntry e = reader.next(); e != null; e = reader.next()) {
                bytes += length(e.key()) + length(e.value());
                if (bytes > limitBytes) {
                    return all(partitions);
                }
                Integer count = partitions.get(e.topic());
                if (count != null) {  // an unknown topic fails when sent, not here
                    pending.add(new TopicPartition(e.topic(), FrameRecords.partition(e.key(), count)));
                }
            }
        }
        return pending;
    }

    static Set<TopicPartition> all(Map<String, Integer> partitions) {
        Set<TopicPartition> all = new HashSet<>();
        partitions.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                all.add(new TopicPartition(topic, p));
            }
        });
        return all;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
