package dev.acumat.analytics.replay;

import dev.acumat.analytics.ConsumerSettings;
import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads a mat's recorded frames back from {@code acumat.frames}: the mat's partition (the
 * default partitioner's choice for its key, as the gateway sends), from the first record at or
 * after the range's start less {@link #LOOKBACK_MS} ({@code offsetsForTimes}: the records'
 * timestamps are the frames' times), up to the first of the mat's records after its end or the
 * partition's end. Each read has its own consumer, outside any group, committing nothing.
 */
public final class KafkaFrameStore implements FrameStore {
    /**
     * Read before the range: the mat sends its device-info every 5 s, and an analysis needs a
     * few seconds of the empty mat, or of the session, to start where the range starts.
     */
    public static final long LOOKBACK_MS = 10_000;
    /** Other mats' clocks may run ahead of this one's by this much; past it the range is over. */
    static final long OTHER_MATS_SLACK_MS = 60_000;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The gateway's clock-anchor header (docs/TOPICS.md). */

    private final String bootstrap;

    public KafkaFrameStore(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public void read(String mat, long fromMs, long toMs, int every, FrameVisitor visitor) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.FRAMES, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return;
            }
            byte[] key = mat.getBytes(StandardCharsets.UTF_8);
            TopicPartition tp = new TopicPartition(Topics.FRAMES,
                    Utils.toPositive(Utils.murmur2(key)) % partitions.size());
            consumer.assign(List.of(tp));
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(tp, Math.max(0, fromMs - LOOKBACK_MS)), TIMEOUT)
                    .get(tp);
            long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
            if (start == null || start.offset() >= end) {
                return;
            }
            consumer.seek(tp, start.offset());
            scan(consumer, tp, end, mat, fromMs, toMs, every, visitor);
        } catch (KafkaException e) {
            throw new FrameStoreException("Kafka: " + e.getMessage(), e);
        }
    }

    private static void scan(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long end, String mat,
                             long fromMs, long toMs, int every, FrameVisitor visitor) {
        byte[] key = mat.getBytes(StandardCharsets.UTF_8);
        DeviceInfo info = null;
        MatLayout layout = null;
        FrameRange range = new FrameRange(fromMs, toMs, every);
        long position = consumer.position(tp);
        long lastProgress = System.nanoTime();
        while (position < end) {
            var records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TIMEOUT.toNanos()) {
                throw new FrameStoreException("Kafka: no records for " + TIMEOUT.toSeconds() + " s at offset "
                        + position + " of " + tp + ", which ends at " + end, null);
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                position = r.offset() + 1;
                if (r.timestamp() > toMs + OTHER_MATS_SLACK_MS) {
                    return;
                }
                if (!Arrays.equals(key, r.key())) {
                    continue;
                }
                Message m;
                try {
                    m = MessageReader.parse(r.value());
                } catch (ProtocolException e) {
                    continue;  // the analytics counted it when it came; a replay skips it the same way
                }
                if (m instanceof MatLayout l) {
                    if (!l.equals(layout)) {
                        layout = l;
                        visitor.layout(l);
                    }
                    continue;
                }
                if (m instanceof DeviceInfo d) {
                    if (!d.equals(info)) {
                        info = d;
                        visitor.info(d);
                    }
                    continue;
                }
                if (!(m instanceof PressureFrame f) || info == null || f.rows() != info.rows() || f.cols() != info.cols()) {
                    continue;
                }
                if (!range.offer(new RecordedFrame(timeMicros(f, r), f), visitor)) {
                    return;
                }
            }
            if (position < end) {
                position = consumer.position(tp);
            }
        }
    }

    /** The frame's time: the gateway's clock anchor plus the device time (docs/TOPICS.md), else the record's. */
    public static long timeMicros(PressureFrame f, ConsumerRecord<?, ?> r) {
        return timeMicros(f, r.headers(), r.timestamp());
    }

    /**
     * The frame's time from a record's {@code headers} and {@code timestampMs}: the clock anchor
     * plus the device time, else the record's time. An anchor that is no number, or that puts the
     * frame before 1970 (or past the end of time: the sum overflowed), is a gateway's bug or a
     * foreign record's header; the record's own time is the better guess, and a negative time
     * would make Kafka refuse the records made from the frame.
     */
    public static long timeMicros(PressureFrame f, Headers headers, long timestampMs) {
        Header anchor = headers.lastHeader(PipelineHeaders.CLOCK_ANCHOR_US);
        OptionalLong anchorMicros = PipelineHeaders.decimal(anchor == null ? null : anchor.value());
        if (anchorMicros.isPresent()) {
            long time = anchorMicros.getAsLong() + f.deviceTimeMicros();
            if (time >= 0) {
                return time;
            }
        }
        return timestampMs * 1000;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerConfig(bootstrap), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The consumer's settings (package-private for tests). */
    static Properties consumerConfig(String bootstrap) {
        // The gateway writes acumat.frames without transactions today, so reading committed records
        // only changes nothing yet; it keeps a replay or an export from showing frames of an aborted
        // transaction should any writer of the topic use them (what is aborted is written again: the
        // frames would be there twice).
        Properties p = ConsumerSettings.readCommitted(bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "acumat-replay");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return p;
    }
}
