package dev.acumat.gateway.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The real Kafka behind {@link KafkaSender.Connection}: a producer, an admin client, and a consumer for deduplication. */
public final class KafkaConnection implements KafkaSender.Connection {
    /** How long one request to a broker may take before the client calls it lost. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final long REQUEST_TIMEOUT_MS = REQUEST_TIMEOUT.toMillis();
    static final Duration DEDUP_POLL_TIMEOUT = REQUEST_TIMEOUT;

    private final String bootstrap;
    private final String clientId;
    private final String gatewayId;
    private final Map<String, Integer> partitions;
    private Producer<byte[], byte[]> producer;

    public KafkaConnection(String bootstrap, String clientId, String gatewayId, Map<String, Integer> partitions) {
        this.bootstrap = bootstrap;
        this.clientId = clientId;
        this.gatewayId = gatewayId;
        this.partitions = partitions;
    }

    /**
     * The producer's settings. Idempotent with acks=all, so retries never duplicate or reorder;
     * a delivery timeout of {@link KafkaSender#DELIVERY_TIMEOUT}, so a producer stuck in its
     * retries fails and the sender makes a new one (the spool keeps the records meanwhile);
     * a short linger, so that frames arriving together share a batch without a frame waiting
     * long enough to matter to the live view. No compression: at a mat's rate each batch holds
     * one or two frames, which lz4 does not shrink, and lz4 allocates two 64 KiB buffers per
     * batch: 11 MB/s of garbage at 921,600 baud, which kept the collector busy (a young
     * collection a second and concurrent cycles under the gateway's 64 MB heap) for nothing.
     */
    static Properties producerConfig(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) KafkaSender.DELIVERY_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT_MS);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        return p;
    }

    @Override
    public String servers() {
        return bootstrap;
    }

    @Override
    public synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(bootstrap, clientId), new ByteArraySerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public Map<String, Integer> ensureTopics() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT_MS);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT_MS);
        try (Admin admin = Admin.create(p)) {
            return new TopicSetup(admin, partitions, REQUEST_TIMEOUT_MS).ensure();
        }
    }

    @Override
    public Map<TopicPartition, Long> alreadySent(Set<TopicPartition> partitions, long sinceMillis) {
        try (KafkaConsumer<byte[], byte[]> consumer = dedupConsumer(bootstrap, clientId)) {
            return new SpoolDeduplicator(consumer, gatewayId, DEDUP_POLL_TIMEOUT).alreadySent(partitions, sinceMillis);
        }
    }

    /** The consumer that reads back for {@link SpoolDeduplicator}: assigned partitions, no group, no commits. */
    static KafkaConsumer<byte[], byte[]> dedupConsumer(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-dedup");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT_MS);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            // Records still in flight stay in the spool: the next connection resends what Kafka lacks.
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
