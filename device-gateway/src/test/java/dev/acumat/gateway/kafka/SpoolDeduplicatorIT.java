package dev.acumat.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.gateway.spool.FsyncPolicy;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.servers.LocalKafka;
import dev.acumat.time.Time;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SpoolDeduplicator} against a real broker: records of this gateway among other
 * gateways' in the same partitions, as on a topic many mats share.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SpoolDeduplicatorIT {
    private static final String GATEWAY = "gw-1";
    private static final byte[] VALUE = new byte[100];

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Admin admin;
    static KafkaProducer<byte[], byte[]> producer;

    private final long now = System.currentTimeMillis();
    /** The oldest unacknowledged entry's append time; the search starts ten minutes before it. */
    private final long since = now - 60_000;
    private final List<Future<RecordMetadata>> sends = new ArrayList<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start(LocalKafka.Options.forTests(dir.resolve("kafka")));
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        admin = Admin.create(p);
        // Not the gateway's idempotent producer: right after a topic is created it met
        // NOT_LEADER_OR_FOLLOWER here and then retried out-of-order sequences without end. One
        // request in flight keeps the order; a failure fails the test within the delivery timeout.
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        pp.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        pp.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopKafka() {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void findsThisGatewaysLastSpoolOffsetInEachAskedPartition() throws Exception {
        String topic = "dedup-it";
        admin.createTopics(List.of(new NewTopic(topic, 5, (short) 1))).all().get();
        long recent = now - 30_000;
        // 0: this gateway among others (one of them "gw-10"), then more than the first two
        // chunks of other gateways' records, with higher spool offsets.
        send(topic, 0, "gw-2", 0, 10_000, recent);
        for (int i = 0; i < 300; i++) {
            send(topic, 0, i % 3 == 0 ? GATEWAY : "gw-10", 1_000 + i, 1, recent);
        }
        send(topic, 0, "gw-3", 50_000, 2_500, recent);
        // 1: this gateway's records last.
        send(topic, 1, "gw-2", 10_000, 300, recent);
        send(topic, 1, GATEWAY, 7, 5, recent);
        // 2: this gateway's records before the search's start only.
        send(topic, 2, GATEWAY, 0, 50, since - SpoolDeduplicator.LOOKBACK_MILLIS - 60_000);
        send(topic, 2, "gw-2", 20_000, 200, recent);
        // 3: records of this gateway, but not asked for. 4: empty.
        send(topic, 3, GATEWAY, 0, 20, recent);
        awaitSends();

        Set<TopicPartition> asked = Set.of(tp(topic, 0), tp(topic, 1), tp(topic, 2), tp(topic, 4));
        try (KafkaConnection connection = new KafkaConnection(kafka.bootstrap(), "dedup-it", GATEWAY, Map.of())) {
            assertThat(connection.alreadySent(asked, since)).isEqualTo(Map.of(tp(topic, 0), 1_297L, tp(topic, 1), 11L));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaConnection.dedupConsumer(kafka.bootstrap(), "dedup-it")) {
            SpoolDeduplicator dedup = new SpoolDeduplicator(consumer, GATEWAY, KafkaConnection.DEDUP_POLL_TIMEOUT);
            dedup.alreadySent(asked, since);
            // Partition 0 is read in its last two chunks (1,000 and 4,000 records); the poll that
            // ends a chunk may bring up to 499 records beyond it.
            assertThat(dedup.recordsRead()).as("partition 0's records below its second chunk are not read")
                    .isLessThan(recordsSince(asked, since) - 12_800 + 5_000 + 500);
        }
    }

    /**
     * The figure: a 32-partition topic holding 200,000 records of 800 mats' gateways, this
     * gateway's mat among them, and its spool still holding its last 250 entries.
     */
    @Test
    void readsOnlyTheEndOfItsMatsPartition() throws Exception {
        String topic = "dedup-figure";
        int partitions = 32;
        int mats = 800;
        int frames = 250;
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        Map<String, Integer> topics = Map.of(topic, partitions);
        try (Spool spool = Spool.open(dir.resolve("spool"),
                new SpoolConfig(64L << 20, 1L << 20, FsyncPolicy.NEVER, Duration.ofSeconds(1)), Time.SYSTEM)) {
            for (int f = 0; f < frames; f++) {
                for (int m = 0; m < mats; m++) {
                    byte[] key = ("mat-" + m).getBytes(StandardCharsets.UTF_8);
                    String gateway = m == 0 ? GATEWAY : "gw-mat-" + m;
                    long spoolOffset = f;
                    if (m == 0) {
                        spoolOffset = spool.append(topic, key, VALUE, now - 30_000, List.of()).offset();
                    }
                    send(topic, FrameRecords.partition(key, partitions), key, gateway, spoolOffset, now - 30_000);
                }
            }
            awaitSends();

            Set<TopicPartition> pending = PendingPartitions.of(spool, 0, topics, PendingPartitions.SCAN_LIMIT_BYTES);
            assertThat(pending).hasSize(1);
            long before = recordsSince(PendingPartitions.all(topics), since);
            try (KafkaConsumer<byte[], byte[]> consumer = KafkaConnection.dedupConsumer(kafka.bootstrap(), "dedup-it")) {
                SpoolDeduplicator dedup = new SpoolDeduplicator(consumer, GATEWAY, KafkaConnection.DEDUP_POLL_TIMEOUT);
                long started = System.nanoTime();
                Map<TopicPartition, Long> found = dedup.alreadySent(pending, since);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(found).isEqualTo(Map.of(pending.iterator().next(), (long) frames - 1));
                System.out.printf("SpoolDeduplicator on %,d records of %d mats in %d partitions: all partitions"
                        + " since the start (before) %,d records; the mat's partition from its end (now) %,d"
                        + " records in %d ms%n", (long) mats * frames, mats, partitions, before, dedup.recordsRead(),
                        millis);
            }
        }
    }

    private void send(String topic, int partition, String gateway, long firstSpoolOffset, int count, long timestamp) {
        for (int i = 0; i < count; i++) {
            send(topic, partition, PipelineHeaders.text("mat-of-" + gateway), gateway, firstSpoolOffset + i, timestamp);
        }
    }

    private void send(String topic, int partition, byte[] key, String gateway, long spoolOffset, long timestamp) {
        RecordHeaders headers = new RecordHeaders(List.of(
                new RecordHeader(PipelineHeaders.GATEWAY, PipelineHeaders.text(gateway)),
                new RecordHeader(PipelineHeaders.SPOOL_OFFSET, PipelineHeaders.decimal(spoolOffset)))
                .toArray(new RecordHeader[0]));
        sends.add(producer.send(new ProducerRecord<>(topic, partition, timestamp, key, VALUE, headers)));
    }

    private void awaitSends() throws Exception {
        for (Future<RecordMetadata> f : sends) {
            f.get();
        }
        sends.clear();
    }

    /** What the search read before it went backwards: every record of the partitions since the start. */
    private static long recordsSince(Set<TopicPartition> partitions, long sinceMillis) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaConnection.dedupConsumer(kafka.bootstrap(), "dedup-count")) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, sinceMillis - SpoolDeduplicator.LOOKBACK_MILLIS));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long records = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp start = starts.get(tp);
                records += start == null ? 0 : ends.get(tp) - start.offset();
            }
            return records;
        }
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
