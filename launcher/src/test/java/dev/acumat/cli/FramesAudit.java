package dev.acumat.cli;

import dev.acumat.contract.Topics;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * acumat.frames read once from the beginning to its end, a record at a time (an hour of a
 * hundred mats does not fit in memory): for each mat, which sequence numbers came how often and
 * in what order, and the {@link FaultFreeRun} of its frames.
 */
final class FramesAudit {
    /** One mat's frames in Kafka. */
    static final class MatFrames {
        final BitSet seen = new BitSet();
        long records;
        long duplicates;
        long outOfOrder;
        private long last = -1;
        final FaultFreeRun.Builder truth;

        MatFrames(String mat) {
            this.truth = new FaultFreeRun.Builder(mat);
        }

        /** Sequence numbers below {@code sent} that never arrived. */
        long missing(long sent) {
            return sent - seen.get(0, (int) sent).cardinality();
        }

        /** Sequence numbers at or above {@code sent}: frames nobody sent. */
        long unexpected(long sent) {
            return seen.get((int) sent, Math.max((int) sent, seen.length())).cardinality();
        }
    }

    final Map<String, MatFrames> mats = new LinkedHashMap<>();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong records = new AtomicLong();

    private FramesAudit(List<String> matIds) {
        matIds.forEach(m -> mats.put(m, new MatFrames(m)));
    }

    /** Records of keys that are none of the mats'. */
    long foreign() {
        return foreign.get();
    }

    long records() {
        return records.get();
    }

    /**
     * Reads the topic up to the end it has now, its partitions shared among {@code threads}
     * consumers (a mat's records are all in one partition, so each mat is one thread's); records
     * of other keys are only counted.
     */
    static FramesAudit read(String bootstrap, List<String> matIds, int threads) throws InterruptedException {
        FramesAudit audit = new FramesAudit(matIds);
        List<Thread> readers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < threads; i++) {
            int share = i;
            Thread t = new Thread(() -> {
                try {
                    audit.readShare(bootstrap, share, threads);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "frames audit " + i);
            t.start();
            readers.add(t);
        }
        for (Thread t : readers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("reading acumat.frames failed: " + failures.get(0), failures.get(0));
        }
        return audit;
    }

    /** The partitions p with p % of == share. */
    private void readShare(String bootstrap, int share, int of) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.FRAMES, Duration.ofSeconds(30))) {
                if (info.partition() % of == share) {
                    tps.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(30));
            List<TopicPartition> open = new ArrayList<>(tps);
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        add(r);
                    }
                }
                open.removeIf(tp -> consumer.position(tp, Duration.ofSeconds(30)) >= end.get(tp));
            }
        }
    }

    private void add(ConsumerRecord<byte[], byte[]> r) {
        records.incrementAndGet();
        MatFrames m = r.key() == null ? null : mats.get(new String(r.key(), StandardCharsets.UTF_8));
        if (m == null) {
            foreign.incrementAndGet();
            return;
        }
        m.records++;
        Message message = MessageReader.parse(r.value());
        if (message instanceof PressureFrame f) {
            int seq = (int) f.sequence();
            if (m.seen.get(seq)) {
                m.duplicates++;
            }
            m.seen.set(seq);
            if (seq <= m.last) {
                m.outOfOrder++;
            }
            m.last = Math.max(m.last, seq);
        }
        m.truth.add(r, message);
    }
}
