package dev.acumat.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * After a restart, the spool may hold records that reached Kafka just before the gateway
 * stopped but whose acknowledgement was not yet saved. Since one producer writes a partition
 * in spool order, the last record of this gateway in a partition tells how far that
 * partition got: every spooled record at or below that spool offset is already there.
 * Only records written since the oldest unacknowledged entry are read.
 */
public final class SpoolDeduplicator {
    /** Record timestamps are frame times, which may trail the spool's append times by a clock estimate. */
    static final long LOOKBACK_MILLIS = 10 * 60_000L;

    private final Consumer<byte[], byte[]> consumer;
    private final String gatewayId;
    private final Duration pollTimeout;

    public SpoolDeduplicator(Consumer<byte[], byte[]> consumer, String gatewayId, Duration pollTimeout) {
        this.consumer = consumer;
        this.gatewayId = gatewayId;
        this.pollTimeout = pollTimeout;
    }

    /** For each partition of {@code topics} holding records of this gateway since {@code sinceMillis}: the highest spool offset. */
    public Map<TopicPartition, Long> alreadySent(Set<String> topics, long sinceMillis) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic, pollTimeout)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, Math.max(0, sinceMillis - LOOKBACK_MILLIS)));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, pollTimeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, pollTimeout);
        List<TopicPartition> toRead = new ArrayList<>();
        starts.forEach((tp, start) -> {
            if (start != null && start.offset() < ends.get(tp)) {
                toRead.add(tp);
            }
        });
        Map<TopicPartition, Long> highest = new HashMap<>();
        if (toRead.isEmpty()) {
            return highest;
        }
        consumer.assign(toRead);
        toRead.forEach(tp -> consumer.seek(tp, starts.get(tp).offset()));
        while (!toRead.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(pollTimeout)) {
                if (gatewayId.equals(FrameRecords.header(r.headers(), FrameRecords.GATEWAY_HEADER))) {
                    String offset = FrameRecords.header(r.headers(), FrameRecords.SPOOL_OFFSET_HEADER);
                    if (offset != null) {
                        highest.merge(new TopicPartition(r.topic(), r.partition()), Long.parseLong(offset), Math::max);
                    }
                }
            }
            toRead.removeIf(tp -> consumer.position(tp, pollTimeout) >= ends.get(tp));
        }
        consumer.unsubscribe();
        return highest;
    }
}
