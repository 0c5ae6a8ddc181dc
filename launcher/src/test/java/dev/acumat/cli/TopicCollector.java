package dev.acumat.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic from the beginning as it grows, keeping the records by key, for assertions. */
final class TopicCollector implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = new ConcurrentHashMap<>();
    private boolean assigned;

    TopicCollector(String bootstrap, String topic) {
        this(bootstrap, topic, false);
    }

    /** With {@code committedOnly}, records of aborted transactions are left out (isolation read_committed). */
    TopicCollector(String bootstrap, String topic, boolean committedOnly) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    /** Polls once; false while the topic does not exist yet. */
    boolean poll() {
        if (!assigned) {
            List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (parts == null || parts.isEmpty()) {
                return false;
            }
            List<TopicPartition> tps = new ArrayList<>();
            parts.forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            assigned = true;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            byKey.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(r);
        }
        return true;
    }

    List<ConsumerRecord<byte[], byte[]>> records(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
