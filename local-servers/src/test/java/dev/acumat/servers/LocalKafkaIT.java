package dev.acumat.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.acumat.servers.ServerChecks.millisSince;
import static dev.acumat.servers.ServerChecks.rss;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starts real brokers in child JVMs. */
class LocalKafkaIT {
    private static final String TOPIC = "acumat.test-frames";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void keepsRecordsAcrossStopRestartAndKill(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka");
        long t0 = System.nanoTime();
        LocalKafka kafka = LocalKafka.start(LocalKafka.Options.forTests(dataDir));
        long coldMs = millisSince(t0);
        String bootstrap = kafka.bootstrap();
        try (kafka) {
            assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.dataDir()).isEqualTo(dataDir.toAbsolutePath());
            assertThat(kafka.logFile()).exists();
            assertThat(dataDir.resolve("kafka-logs/meta.properties")).exists();
            long pid = kafka.pid().orElseThrow();
            assertThat(brokerChildren(dataDir)).extracting(ProcessHandle::pid).containsExactly(pid);
            System.out.printf("LocalKafka cold start (format + start): %d ms, RSS %s%n", coldMs, rss(pid));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(TOPIC).partitions()).hasSize(3);
            }
            produce(bootstrap, "a", "b", "c", "d", "e", "f");
            assertThat(consumeAll(bootstrap, 6)).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");

            // Graceful stop, then a hard crash, each followed by a restart on the same ports and
            // data: acknowledged records survive a crash (they are in the page cache).
            ServerChecks.survivesStopAndKill(kafka, kafka::bootstrap, () -> {
                assertThat(consumeAll(bootstrap, 6)).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
                produce(bootstrap, "g", "h");
                assertThat(consumeAll(bootstrap, 8)).contains("g", "h");
            }, () -> {
                produce(bootstrap, "i");
                assertThat(consumeAll(bootstrap, 9))
                        .containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "g", "h", "i");
            });
        }
        assertThat(kafka.isRunning()).isFalse();
        assertThat(kafka.pid()).isEmpty();
        assertThat(brokerChildren(dataDir)).isEmpty();
        assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class);

        // A second run on the same directory keeps the ports (still free) and the records.
        Properties state = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve("local-kafka.properties"))) {
            state.load(in);
        }
        assertThat("127.0.0.1:" + state.getProperty("port")).isEqualTo(bootstrap);
        try (LocalKafka again = LocalKafka.start(LocalKafka.Options.forTests(dataDir))) {
            assertThat(again.bootstrap()).isEqualTo(bootstrap);
            assertThat(again.clusterId()).isEqualTo(kafka.clusterId());
            assertThat(consumeAll(bootstrap, 9)).hasSize(9);
        }
        assertThat(brokerChildren(dataDir)).isEmpty();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void failsWithTheBrokersErrorsWhenItDiesDuringStartUp(@TempDir Path dir) {
        Path dataDir = dir.resolve("kafka");
        LocalKafka.Options options = LocalKafka.Options.forTests(dataDir)
                .withExtraConfig(Map.of("authorizer.class.name", "dev.acumat.NoSuchAuthorizer"));
        assertThatThrownBy(() -> LocalKafka.start(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited during start-up")
                .hasMessageContaining("last lines of")
                .hasMessageContaining("ClassNotFoundException: dev.acumat.NoSuchAuthorizer");
        assertThat(brokerChildren(dataDir)).isEmpty();
    }

    @Test
    void failsAtOnceWhenAFixedPortIsTaken(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka");
        ServerChecks.failsAtOnceOnATakenPort(
                port -> LocalKafka.start(LocalKafka.Options.forTests(dataDir).withPorts(port, 0)));
        assertThat(brokerChildren(dataDir)).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** Live descendants of this JVM whose command line names this data directory. */
    private static List<ProcessHandle> brokerChildren(Path dataDir) {
        return ServerChecks.naming(dataDir, ProcessHandle.current().descendants(), c -> true);
    }

    private static void produce(String bootstrap, String... values) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<?>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, "mat-" + value, value)));
            }
            for (Future<?> future : sent) {
                future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /** Reads the topic from the beginning until {@code expected} records arrived (or the deadline). */
    private static List<String> consumeAll(String bootstrap, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = List.of(
                    new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1), new TopicPartition(TOPIC, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
