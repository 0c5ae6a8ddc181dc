package dev.acumat.gateway.kafka;

import static dev.acumat.gateway.Conditions.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.gateway.Backoff;
import dev.acumat.gateway.spool.FsyncPolicy;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.gateway.spool.SpoolEntry;
import dev.acumat.time.ManualTime;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSenderTest {
    /** The frames topic's partitions as the mock connection reports them. */
    private static final int FRAME_PARTITIONS = 8;

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();
    private Spool spool;
    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final AtomicInteger topicFailures = new AtomicInteger();
    private Map<TopicPartition, Long> alreadySent = Map.of();
    private final List<Long> dedupSince = new ArrayList<>();
    private final List<Set<TopicPartition>> dedupPartitions = new ArrayList<>();
    private KafkaSender sender;
    private Thread thread;

    @BeforeEach
    void openSpool() throws IOException {
        spool = Spool.open(dir, new SpoolConfig(64L << 20, 1L << 20, FsyncPolicy.NEVER, Duration.ofSeconds(1)),
                Time.SYSTEM);
    }

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.stop();
            thread.join(10_000);
        }
        spool.close();
    }

    private KafkaSender.Connection connection() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        producers.add(producer);
        return new KafkaSender.Connection() {
            @Override
            public Producer<byte[], byte[]> producer() {
                return producer;
            }

            @Override
            public Map<String, Integer> ensureTopics() {
                if (topicFailures.getAndDecrement() > 0) {
                    throw new TimeoutException("Timed out waiting for a node assignment");
                }
                return Map.of(Topics.FRAMES, FRAME_PARTITIONS, Topics.DEVICE_HEALTH, 2);
            }

            @Override
            public Map<TopicPartition, Long> alreadySent(Set<TopicPartition> partitions, long sinceMillis) {
                dedupSince.add(sinceMillis);
                dedupPartitions.add(partitions);
                return alreadySent;
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }

    private void start(long window) {
        sender = new KafkaSender(spool, this::connection, "gw-1", window, time,
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)));
        thread = new Thread(sender, "kafka-sender");
        thread.start();
    }

    private void append(int n, String mat) throws IOException {
        for (int i = 0; i < n; i++) {
            spool.append(Topics.FRAMES, mat.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) i, 1, 2},
                    1_000L + i, List.of(new SpoolEntry.Header(PipelineHeaders.ENCODING, PipelineHeaders.encodingVersion())));
        }
    }

    private MockProducer<byte[], byte[]> producer() {
        return producers.get(producers.size() - 1);
    }

    /** Waits until the newest producer has been handed {@code records} records in all. */
    private void awaitSent(String what, int records) throws Exception {
        waitFor(what, () -> !producers.isEmpty() && producer().history().size() == records);
    }

    /** Kafka confirms every record the newest producer still holds; the sender then drains. */
    private void kafkaConfirmsTheRest() throws Exception {
        while (producer().completeNext()) {
            // one record confirmed
        }
        assertThat(sender.drain(10_000)).isTrue();
    }

    private static int partitionOf(String mat) {
        return FrameRecords.partition(mat.getBytes(StandardCharsets.UTF_8), FRAME_PARTITIONS);
    }

    @Test
    void sendsInSpoolOrderWithItsHeadersAndAcknowledgesWhatKafkaConfirms() throws Exception {
        append(50, "mat-1");
        topicFailures.set(2);  // the broker is not there yet
        start(1 << 20);
        awaitSent("50 records sent", 50);
        assertThat(time.sleptMillis()).containsExactly(200L, 400L);
        List<ProducerRecord<byte[], byte[]>> sent = producer().history();
        int partition = partitionOf("mat-1");
        for (int i = 0; i < 50; i++) {
            ProducerRecord<byte[], byte[]> r = sent.get(i);
            assertThat(r.topic()).isEqualTo(Topics.FRAMES);
            assertThat(r.partition()).isEqualTo(partition);
            assertThat(r.timestamp()).isEqualTo(1_000L + i);
            assertThat(r.value()[0]).isEqualTo((byte) i);
            assertThat(FrameRecords.header(r.headers(), PipelineHeaders.SPOOL_OFFSET)).isEqualTo(Integer.toString(i));
            assertThat(FrameRecords.header(r.headers(), PipelineHeaders.GATEWAY)).isEqualTo("gw-1");
            assertThat(FrameRecords.header(r.headers(), PipelineHeaders.ENCODING)).isEqualTo("1");
        }
        assertThat(spool.acknowledged()).isEqualTo(-1);
        for (int i = 0; i < 20; i++) {
            producer().completeNext();
        }
        waitFor("20 acknowledged", () -> spool.acknowledged() == 19);
        append(5, "mat-1");
        waitFor("more sent", () -> producer().history().size() == 55);
        kafkaConfirmsTheRest();
        assertThat(spool.acknowledged()).isEqualTo(54);
        assertThat(sender.sent()).isEqualTo(55);
    }

    @Test
    void keepsNoMoreThanTheWindowInFlight() throws Exception {
        append(100, "mat-1");
        start(10);  // 3 bytes per record: three at a time
        awaitSent("a window's worth", 3);
        assertThat(producer().history()).hasSize(3);
        producer().completeNext();
        waitFor("one more", () -> producer().history().size() == 4);
    }

    @Test
    void afterAProducerFailureResendsWhatKafkaDidNotConfirm() throws Exception {
        append(10, "mat-1");
        start(1 << 20);
        awaitSent("sent", 10);
        MockProducer<byte[], byte[]> first = producer();
        for (int i = 0; i < 4; i++) {
            first.completeNext();
        }
        first.errorNext(new NotLeaderOrFollowerException("fatal for this test"));
        waitFor("a second producer", () -> producers.size() == 2 && producer().history().size() == 6);
        assertThat(producer().history().get(0).value()[0]).isEqualTo((byte) 4);
        assertThat(spool.acknowledged()).isEqualTo(3);
        assertThat(dedupSince).as("each new producer asks Kafka what it already has").hasSize(2);
        assertThat(dedupPartitions.get(1)).containsExactly(new TopicPartition(Topics.FRAMES, partitionOf("mat-1")));
    }

    @Test
    void aRecordKafkaRefusesForGoodIsDroppedAndCountedAndTheRestGoesOn() throws Exception {
        append(6, "mat-1");
        start(1 << 20);
        awaitSent("sent", 6);
        MockProducer<byte[], byte[]> first = producer();
        first.completeNext();
        first.completeNext();
        // A frame time over an hour ahead (a mat's clock gone wrong), and the rest of its batch.
        first.errorNext(new InvalidTimestampException("One or more records have been rejected due to invalid timestamp"));
        first.errorNext(new KafkaException("Failed to append record because it was part of a batch which had one "
                + "more more invalid records"));
        waitFor("a second producer with the rest", () -> producers.size() == 2 && producer().history().size() == 3);
        assertThat(producer().history()).extracting(r -> r.value()[0]).containsExactly((byte) 3, (byte) 4, (byte) 5);
        kafkaConfirmsTheRest();
        assertThat(spool.acknowledged()).isEqualTo(5);
        assertThat(sender.refused()).isEqualTo(1);
        assertThat(sender.sent()).isEqualTo(5);
    }

    @Test
    void afterARestartSkipsWhatKafkaAlreadyHas() throws Exception {
        append(10, "mat-1");
        append(10, "mat-2");
        int p1 = partitionOf("mat-1");
        int p2 = partitionOf("mat-2");
        assertThat(p1).as("the test needs the two mats apart").isNotEqualTo(p2);
        alreadySent = Map.of(new TopicPartition(Topics.FRAMES, p1), 6L);
        start(1 << 20);
        awaitSent("the rest sent", 13);
        assertThat(producer().history()).extracting(r -> FrameRecords.header(r.headers(), PipelineHeaders.SPOOL_OFFSET))
                .containsExactly("7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19");
        assertThat(sender.skippedAsDuplicates()).isEqualTo(7);
        assertThat(dedupSince).containsExactly(spool.read(0).appendTimeMillis());
        assertThat(dedupPartitions).as("only the partitions the unacknowledged entries go to")
                .containsExactly(Set.of(new TopicPartition(Topics.FRAMES, p1),
                        new TopicPartition(Topics.FRAMES, p2)));
    }

    @Test
    void aProducerThatNeverAnswersIsClosedAndMadeAnewAfterTheDeadline() throws Exception {
        append(5, "mat-1");
        start(1 << 20);
        awaitSent("sent", 5);
        MockProducer<byte[], byte[]> stuck = producer();
        time.advanceMillis(KafkaSender.STALL_TIMEOUT.toMillis() - 1_000);
        append(1, "mat-1");
        waitFor("still the first producer, just before the deadline", () -> stuck.history().size() == 6);
        assertThat(producers).hasSize(1);
        time.advanceMillis(2_000);
        waitFor("a second producer with every record again", () -> producers.size() == 2
                && producer().history().size() == 6);
        assertThat(stuck.closed()).isTrue();
        kafkaConfirmsTheRest();
        assertThat(spool.acknowledged()).isEqualTo(5);
    }
}
