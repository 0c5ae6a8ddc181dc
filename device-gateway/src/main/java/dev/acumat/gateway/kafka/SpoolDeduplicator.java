package dev.acumat.gateway.kafka;

import dev.acumat.contract.PipelineHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, the spool may hold records that reached Kafka just before the gateway
 * stopped but whose acknowledgement was not yet saved. Since one producer writes a partition
 * in spool order, the last record of this gateway in a partition tells how far that
 * partition got: every spooled record at or below that spool offset is already there.
 *
 * <p>So each partition is searched backwards from its end, in chunks that grow fourfold from
 * {@link #FIRST_CHUNK} records, down to the first record written since the oldest
 * unacknowledged entry: the first chunk holding a record of this gateway answers. On a
 * partition that many mats share, that is a chunk or two, not everything since the outage
 * began; only a partition without any record of this gateway is read down to that start.
 */
public final class SpoolDeduplicator {
    private static final Logger log = LoggerFactory.getLogger(SpoolDeduplicator.class);

    /** Record timestamps are frame times, which may trail the spool's append times by a clock estimate. */
    static final long LOOKBACK_MILLIS = 10 * 60_000L;
    /** Records in the last chunk of a partition; about 1.6 s of 25 mats at 25 Hz. */
    static final int FIRST_CHUNK = 1_000;
    static final int CHUNK_GROWTH = 4;

    private final Consumer<byte[], byte[]> consumer;
    private final String gatewayId;
    private final Duration pollTimeout;
    private long recordsRead;

    public SpoolDeduplicator(Consumer<byte[], byte[]> consumer, String gatewayId, Duration pollTimeout) {
        this.consumer = consumer;
        this.gatewayId = gatewayId;
        this.pollTimeout = pollTimeout;
    }

    /**
     * For each of {@code partitions} holding records of this gateway since {@code sinceMillis}
     * (less {@link #LOOKBACK_MILLIS}): the spool offset of the last of them.
     */
    public Map<TopicPartition, Long> alreadySent(Set<TopicPartition> partitions, long sinceMillis) {
        recordsRead = 0;
        Map<TopicPartition, Long> highest = new HashMap<>();
        Map<TopicPartition, Search> searches = searches(partitions, Math.max(0, sinceMillis - LOOKBACK_MILLIS));
        if (searches.isEmpty()) {
            return highest;
        }
        consumer.assign(searches.keySet());
        searches.values().forEach(s -> consumer.seek(s.partition, s.from));
        while (!searches.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(pollTimeout)) {
                recordsRead++;
                Search s = searches.get(new TopicPartition(r.topic(), r.partition()));
                if (s != null && r.offset() >= s.from && r.offset() < s.to
                        && gatewayId.equals(FrameRecords.header(r.headers(), PipelineHeaders.GATEWAY))) {
                    String offset = FrameRecords.header(r.headers(), PipelineHeaders.SPOOL_OFFSET);
                    if (offset != null) {
                        s.found = Math.max(s.found, Long.parseLong(offset));
                    }
                }
            }
            List<TopicPartition> finished = new ArrayList<>();
            for (Search s : searches.values()) {
                if (consumer.position(s.partition, pollTimeout) < s.to) {
                    continue;  // the chunk is not read through yet
                }
                if (s.found >= 0 || s.from == s.start) {
                    if (s.found >= 0) {
                        highest.put(s.partition, s.found);
                    }
                    finished.add(s.partition);
                } else {
                    s.nextChunk();
                    consumer.seek(s.partition, s.from);
                }
            }
            if (!finished.isEmpty()) {
                finished.forEach(searches::remove);
                consumer.pause(finished);  // what was fetched for them is dropped, not returned
            }
        }
        consumer.unsubscribe();
        log.info("Kafka: read {} records of {} partitions to find what it already has of this spool",
                recordsRead, partitions.size());
        return highest;
    }

    /** Records the last {@link #alreadySent} got from Kafka, the ones beyond a chunk's end included. */
    public long recordsRead() {
        return recordsRead;
    }

    /** A search per partition that has records written since {@code startMillis}. */
    private Map<TopicPartition, Search> searches(Set<TopicPartition> partitions, long startMillis) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, startMillis));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, pollTimeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, pollTimeout);
        Map<TopicPartition, Search> searches = new HashMap<>();
        starts.forEach((tp, start) -> {
            if (start != null && start.offset() < ends.get(tp)) {
                searches.put(tp, new Search(tp, start.offset(), ends.get(tp)));
            }
        });
        return searches;
    }

    /** The chunk {@code [from, to)} of one partition being read, and what it found. */
    private static final class Search {
        final TopicPartition partition;
        final long start;
        long from;
        long to;
        long chunk = FIRST_CHUNK;
        long found = -1;

        Search(TopicPartition partition, long start, long end) {
            this.partition = partition;
            this.start = start;
            this.to = end;
            this.from = Math.max(start, end - chunk);
        }

        void nextChunk() {
            to = from;
            chunk *= CHUNK_GROWTH;
            from = Math.max(start, to - chunk);
        }
    }
}
