package dev.acumat.gateway.kafka;

import dev.acumat.gateway.Backoff;
import dev.acumat.gateway.Time;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's sender thread: produces spooled records to Kafka in spool order and tells the
 * spool what Kafka has acknowledged. The producer is idempotent with acks=all and never gives
 * up on a record (an unbounded delivery timeout), so a broker that is down or slow only holds
 * records back, in order, while the spool takes the rest on disk; a bounded window of bytes in
 * flight keeps the producer's memory small. Should the producer still fail (or the gateway
 * restart), a new one first learns from Kafka which spooled records it already has.
 */
public final class KafkaSender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(KafkaSender.class);

    /** What the sender needs from Kafka, made anew after a failure. */
    public interface Connection extends AutoCloseable {
        Producer<byte[], byte[]> producer();

        /** Creates missing topics; returns partitions per topic. */
        Map<String, Integer> ensureTopics() throws Exception;

        /**
         * For each of {@code partitions} holding records of this gateway since about
         * {@code sinceMillis}: the highest spool offset among them. See {@link SpoolDeduplicator#alreadySent}.
         */
        Map<TopicPartition, Long> alreadySent(Set<TopicPartition> partitions, long sinceMillis) throws Exception;

        @Override
        void close();
    }

    /** Makes a connection; the bootstrap servers and settings are the factory's. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection connect();
    }

    private final Spool spool;
    private final ConnectionFactory factory;
    private final String gatewayId;
    private final long windowBytes;
    private final Time time;
    private final Backoff backoff;

    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Object windowMonitor = new Object();
    private volatile boolean stopped;
    private volatile boolean connected;
    /** Failed connections since Kafka last acknowledged something: a warning from the third on. */
    private volatile int failuresInARow;
    private volatile long lastSent;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong skippedAsDuplicates = new AtomicLong();
    /** Spool offsets Kafka refused for good (see {@link #refusedForGood}): never sent again. */
    private final ConcurrentSkipListSet<Long> refused = new ConcurrentSkipListSet<>();
    private final AtomicLong refusedCount = new AtomicLong();

    public KafkaSender(Spool spool, ConnectionFactory factory, String gatewayId, long windowBytes, Time time,
                       Backoff backoff) {
        this.spool = spool;
        this.factory = factory;
        this.gatewayId = gatewayId;
        this.windowBytes = windowBytes;
        this.time = time;
        this.backoff = backoff;
        this.lastSent = spool.acknowledged();
    }

    /** Records Kafka acknowledged since start. */
    public long sent() {
        return sent.get();
    }

    /** Records Kafka refused for good (a frame time over an hour ahead, a record too large): dropped, counted, logged. */
    public long refused() {
        return refusedCount.get();
    }

    public long skippedAsDuplicates() {
        return skippedAsDuplicates.get();
    }

    public boolean connected() {
        return connected;
    }

    /** Asks the thread to end; {@link #drain} first for a graceful stop. */
    public void stop() {
        stopped = true;
        synchronized (windowMonitor) {
            windowMonitor.notifyAll();
        }
    }

    /** Waits until everything spooled so far is acknowledged, up to {@code timeoutMillis}; true when it is. */
    public boolean drain(long timeoutMillis) throws InterruptedException, IOException {
        long target = spool.nextOffset() - 1;
        long deadline = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (spool.acknowledged() < target) {
            if (time.nanoTime() - deadline > 0) {
                return false;
            }
            synchronized (windowMonitor) {
                windowMonitor.wait(20);
            }
            acknowledge();
        }
        return true;
    }

    @Override
    public void run() {
        while (!stopped) {
            try (Connection connection = factory.connect()) {
                session(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                connected = false;
                if (stopped) {
                    return;
                }
                long wait = backoff.nextMillis();
                // A topic created a moment ago is briefly unknown to the broker that leads it:
                // a passing retriable error is not worth a warning, a lasting one is.
                boolean passing = ++failuresInARow < 3 && isRetriable(e);
                String message = "Kafka: {}; trying again in {} ms (the spool keeps every frame meanwhile)";
                if (passing) {
                    log.info(message, describe(e), wait);
                } else {
                    log.warn(message, describe(e), wait);
                }
                try {
                    time.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void session(Connection connection) throws Exception {
        Map<String, Integer> partitions = connection.ensureTopics();
        // Whatever was in flight with an earlier producer is unknown now: start after what the
        // spool knows is acknowledged, and ask Kafka about the rest.
        inFlight.clear();
        inFlightBytes.set(0);
        failure.set(null);
        long first = spool.acknowledged() + 1;
        Map<TopicPartition, Long> alreadySent = Map.of();
        if (first < spool.nextOffset()) {
            SpoolEntry oldest = spool.read(first);
            Set<TopicPartition> pending = PendingPartitions.of(spool, first, partitions, PendingPartitions.SCAN_LIMIT_BYTES);
            alreadySent = connection.alreadySent(pending, oldest.appendTimeMillis());
        }
        lastSent = first - 1;
        connected = true;
        backoff.reset();
        log.info("Kafka: connected; sending from spool offset {} ({} waiting)", first, spool.nextOffset() - first);
        Producer<byte[], byte[]> producer = connection.producer();
        try (Spool.Reader reader = spool.reader(first)) {
            pump(reader, producer, partitions, alreadySent);
        }
    }

    private void pump(Spool.Reader reader, Producer<byte[], byte[]> producer, Map<String, Integer> partitions,
                      Map<TopicPartition, Long> alreadySent) throws Exception {
        while (!stopped) {
            Exception failed = failure.get();
            if (failed != null) {
                acknowledge();  // what Kafka confirmed before the failure need not go again
                throw failed;
            }
            SpoolEntry entry = reader.next();
            if (entry == null) {
                acknowledge();
                spool.awaitAppend(lastSent, 100, TimeUnit.MILLISECONDS);
                continue;
            }
            if (refused.remove(entry.offset())) {
                lastSent = entry.offset();  // dropped when Kafka refused it; the ack moves past it
                continue;
            }
            int partition = FrameRecords.partition(entry.key(), partitions.get(entry.topic()));
            Long done = alreadySent.get(new TopicPartition(entry.topic(), partition));
            if (done != null && entry.offset() <= done) {
                skippedAsDuplicates.incrementAndGet();
                lastSent = entry.offset();
                continue;
            }
            waitForWindow(entry.value().length);
            send(producer, entry, partition);
        }
    }

    private void waitForWindow(int bytes) throws InterruptedException, IOException {
        while (inFlightBytes.get() + bytes > windowBytes && !inFlight.isEmpty() && !stopped && failure.get() == null) {
            synchronized (windowMonitor) {
                windowMonitor.wait(100);
            }
            acknowledge();
        }
    }

    private void send(Producer<byte[], byte[]> producer, SpoolEntry entry, int partition) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        for (SpoolEntry.Header h : entry.headers()) {
            headers.add(new RecordHeader(h.name(), h.value()));
        }
        headers.add(new RecordHeader(FrameRecords.GATEWAY_HEADER, FrameRecords.ascii(gatewayId)));
        headers.add(new RecordHeader(FrameRecords.SPOOL_OFFSET_HEADER, FrameRecords.ascii(Long.toString(entry.offset()))));
        long offset = entry.offset();
        int size = entry.value().length;
        inFlight.add(offset);
        inFlightBytes.addAndGet(size);
        lastSent = offset;
        producer.send(new ProducerRecord<>(entry.topic(), partition, entry.timestampMillis(), entry.key(), entry.value(),
                new RecordHeaders(headers)), (metadata, exception) -> {
                    // On the producer's I/O thread: bookkeeping only.
                    if (exception != null && refusedForGood(exception)) {
                        // Sending it again would fail again, and hold back every frame behind it
                        // for ever. The rest of its batch fails too, and goes again after the reconnect.
                        refused.add(offset);
                        inFlight.remove(offset);
                        inFlightBytes.addAndGet(-size);
                        long n = refusedCount.incrementAndGet();
                        if (Long.bitCount(n) == 1) {  // 1, 2, 4, 8...: visible, never a flood
                            log.warn("Kafka refused spool record {} for good ({}): dropped ({} so far)", offset,
                                    describe(exception), n);
                        }
                        failure.compareAndSet(null, exception);
                    } else if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        inFlight.remove(offset);
                        inFlightBytes.addAndGet(-size);
                        sent.incrementAndGet();
                    }
                    synchronized (windowMonitor) {
                        windowMonitor.notifyAll();
                    }
                });
    }

    /** Everything below the oldest record still in flight is in Kafka. */
    private synchronized void acknowledge() throws IOException {
        long sentUpTo = lastSent;
        Long oldest = inFlight.ceiling(Long.MIN_VALUE);  // null when empty, unlike first()
        long upTo = oldest == null ? sentUpTo : oldest - 1;
        if (upTo > spool.acknowledged()) {
            spool.acknowledge(upTo);
            refused.headSet(upTo, true).clear();  // behind the acknowledgement: never read again
            failuresInARow = 0;
        }
    }

    /**
     * Whether Kafka refused the record itself: its timestamp outside what the topic accepts
     * (Kafka 4 refuses times over an hour ahead: a mat clock gone wrong) or its size.
     */
    static boolean refusedForGood(Exception e) {
        Throwable t = cause(e);
        return t instanceof org.apache.kafka.common.errors.InvalidTimestampException
                || t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || t instanceof org.apache.kafka.common.InvalidRecordException;
    }

    private static boolean isRetriable(Exception e) {
        return cause(e) instanceof org.apache.kafka.common.errors.RetriableException;
    }

    private static String describe(Exception e) {
        Throwable t = cause(e);
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** What went wrong: a future's failure is the exception it wraps. */
    private static Throwable cause(Exception e) {
        return e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
    }
}
