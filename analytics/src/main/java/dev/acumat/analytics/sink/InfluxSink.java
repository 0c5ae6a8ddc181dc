package dev.acumat.analytics.sink;

import dev.acumat.analytics.ConsumerSettings;
import dev.acumat.analytics.influx.InfluxWriteException;
import dev.acumat.analytics.influx.InfluxWriter;
import dev.acumat.analytics.influx.SinkPoint;
import dev.acumat.contract.Topics;
import dev.acumat.time.Time;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The InfluxDB sink: consumes contact, sessions, shifts and device health, writes them as
 * points, and commits the consumer's offsets only after InfluxDB acknowledged the write. The
 * writer retries with a backoff while InfluxDB is down, so nothing is dropped: the consumer
 * just waits, and its lag grows until InfluxDB is back. Points are timestamped with frame
 * time, so records read again after a crash overwrite their points instead of adding some.
 */
public final class InfluxSink implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InfluxSink.class);
    public static final String GROUP_ID = "acumat-influx-sink";
    static final List<String> TOPICS = List.of(Topics.CONTACT, Topics.SESSIONS,
            Topics.POSTURE_SHIFTS, Topics.DEVICE_HEALTH);

    private final Consumer<String, byte[]> consumer;
    private final InfluxWriter writer;
    private final Time time;
    private final AtomicLong written = new AtomicLong();
    private final Counter pointsCounter = Metrics.counter("acumat.analytics.influx.points");
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean closing;

    public InfluxSink(String bootstrap, InfluxWriter writer) {
        this(consumer(bootstrap), writer, Time.SYSTEM);
    }

    /** @param time paces the attempts after a write InfluxDB refused for good */
    InfluxSink(Consumer<String, byte[]> consumer, InfluxWriter writer, Time time) {
        this.consumer = consumer;
        this.writer = writer;
        this.time = time;
    }

    private static Consumer<String, byte[]> consumer(String bootstrap) {
        // The analytics write in transactions: what an aborted one (a crashed instance) wrote is not theirs to keep.
        Properties p = ConsumerSettings.readCommitted(bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        // A write may wait for InfluxDB for minutes. Past this the group hands our partitions on;
        // the commit then fails and the records are read again: their points overwrite themselves.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 540_000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public long written() {
        return written.get();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(TOPICS);
            while (!closing) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                List<SinkPoint> points = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> r : records) {
                    try {
                        points.add(RecordPoints.of(r));
                    } catch (IOException | RuntimeException e) {
                        // Not retried: the same bytes would fail again. Counted and said, then skipped.
                        if (malformed.incrementAndGet() <= 10) {
                            log.warn("{} record at offset {} of partition {} is not valid: {}", r.topic(), r.offset(),
                                    r.partition(), e.getMessage());
                        }
                    }
                }
                if (!writeUntilAcknowledged(points)) {
                    return;  // closing: nothing committed, so these records are read again next time
                }
                written.addAndGet(points.size());
                pointsCounter.increment(points.size());
                try {
                    consumer.commitSync();
                } catch (CommitFailedException | RebalanceInProgressException e) {
                    log.warn("offsets not committed ({}); the records will be written again, harmlessly", e.getMessage());
                } catch (RetriableException e) {
                    // The broker is away (a commit times out after a minute). The points are in
                    // InfluxDB; the next commit that gets through covers these offsets too, and a
                    // crash before it only writes them again. Ending the loop here would stop the sink.
                    log.warn("offsets not committed yet ({}); carrying on", e.getMessage());
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Closed by an interrupt (InfluxDB still away at shutdown), the consumer would throw
            // InterruptException out of this thread: close it uninterrupted, then say so again.
            boolean interrupted = Thread.interrupted();
            try {
                consumer.close(Duration.ofSeconds(5));
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Writes, and keeps writing the same points after each give-up of the writer, until InfluxDB
     * takes them. A failure that retrying cannot mend by itself (credentials, a dropped database)
     * waits longer between attempts, so an operator can fix it without the log filling up.
     */
    private boolean writeUntilAcknowledged(List<SinkPoint> points) throws InterruptedException {
        long pauseMillis = 0;
        while (!closing) {
            try {
                writer.write(points);
                return true;
            } catch (InfluxWriteException e) {
                pauseMillis = e.isTransient() ? 0 : Math.min(60_000, Math.max(1_000, pauseMillis * 2));
                log.warn("InfluxDB has not taken {} points: {}; trying again{} (offsets not committed)", points.size(),
                        e.getMessage(), pauseMillis == 0 ? "" : " in " + pauseMillis / 1000 + " s");
                time.sleep(Duration.ofMillis(pauseMillis));
            }
        }
        return false;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
    }
}
