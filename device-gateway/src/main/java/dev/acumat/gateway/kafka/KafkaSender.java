package dev.acumat.gateway.kafka;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.gateway.Backoff;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolEntry;
import dev.acumat.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's sender thread: produces spooled records to Kafka in spool order and tells the
 * spool what Kafka has acknowledged. The producer is idempotent with acks=all, so a broker
 * that is down or slow only holds records back, in order, while the spool takes the rest on
 * disk; a bounded window of bytes in flight keeps the producer's memory small. A record not
 * acknowledged within {@link #DELIVERY_TIMEOUT} fails its producer, which is closed and made
 * anew: a producer can retry for ever without failing a send (an OutOfOrderSequenceException
 * after a topic was created was seen looping for 19 minutes). A new producer, like one after a
 * restart, first learns from Kafka which spooled records it already has.
 */
public final class KafkaSender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(KafkaSender.class);

    /**
     * How long a record may wait for Kafka's acknowledgement before its producer is given up:
     * the producer's {@code delivery.timeout.ms}. Long enough to ride out a broker's restart
     * without a reconnect; the spool keeps the records meanwhile, so nothing is lost when it fires.
     */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    /**
     * The sender's own deadline, should the producer not keep {@link #DELIVERY_TIMEOUT}; later
     * than it, so that normally the producer fails first and names its reason.
     */
    static final Duration STALL_TIMEOUT = DELIVERY_TIMEOUT.plus(KafkaConnection.REQUEST_TIMEOUT);

    /** Kafka acknowledged nothing of a record within {@link #STALL_TIMEOUT}. */
    static final class DeliveryStalledException extends Exception {
        DeliveryStalledException(long offset, Duration waited) {
            super("no acknowledgement of spool record " + offset + " for " + waited.toSeconds()
                    + " s while the producer retries on its own");
        }
    }

    /** What the sender needs from Kafka, made anew after a failure. */
    public interface Connection extends AutoCloseable {
        Producer<byte[], byte[]> producer();

        /** The bootstrap servers, for log lines; null when there are none to name. */
        default String servers() {
            return null;
        }

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
    /** The gateway header's value, the same on every record: encoded once. */
    private final byte[] gatewayIdBytes;
    private final long windowBytes;
    private final Time time;
    private final Backoff backoff;

    /** Spool offset of each record the producer has, to when it was handed over ({@link Time#nanoTime}). */
    private final ConcurrentSkipListMap<Long, Long> inFlight = new ConcurrentSkipListMap<>();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Object windowMonitor = new Object();
    private volatile boolean stopped;
    private volatile boolean connected;
    private volatile String servers;
    /** Sender thread only. */
    private final KafkaOutage outage = new KafkaOutage();
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
        this.gatewayIdBytes = PipelineHeaders.text(gatewayId);
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
                servers = connection.servers();
                session(connection);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                connected = false;
                if (stopped) {
                    return;
                }
                long now = time.nanoTime();
                Map.Entry<Long, Long> oldest = inFlight.firstEntry();
                String unreachable = outage.unreachable(now, oldest == null ? now : Math.min(now, oldest.getValue()),
                        spool.pendingEntries());
                long wait = backoff.nextMillis();
                // A topic created a moment ago is briefly unknown to the broker that leads it:
                // a passing retriable error is not worth a warning, a lasting one is.
                boolean passing = ++failuresInARow < 3 && isRetriable(e);
                String message = "{}; reconnecting in {} ms with a new producer (the spool keeps every frame)";
                if (passing) {
                    log.info(message, KafkaErrors.describe(e, servers), wait);
                } else {
                    log.warn(message, KafkaErrors.describe(e, servers), wait);
                }
                if (unreachable != null) {
                    log.warn(unreachable);
                }
                try {
                    time.sleep(Duration.ofMillis(wait));
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
        String back = outage.reachable(time.nanoTime(), spool.pendingEntries());
        if (back != null) {
            log.info(back);
        }
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
            watchDelivery();
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

    private void waitForWindow(int bytes) throws InterruptedException, IOException, DeliveryStalledException {
        while (inFlightBytes.get() + bytes > windowBytes && !inFlight.isEmpty() && !stopped && failure.get() == null) {
            synchronized (windowMonitor) {
                windowMonitor.wait(100);
            }
            acknowledge();
            watchDelivery();
        }
    }

    /**
     * Reports a Kafka that takes records but acknowledges none, and ends the session when the
     * oldest record has waited past {@link #STALL_TIMEOUT}.
     */
    private void watchDelivery() throws DeliveryStalledException {
        long now = time.nanoTime();
        Map.Entry<Long, Long> oldest = inFlight.firstEntry();
        long waited = oldest == null ? 0 : now - oldest.getValue();
        String line = waited >= KafkaOutage.REPORT_EVERY.toNanos()
                ? outage.unreachable(now, oldest.getValue(), spool.pendingEntries())
                : outage.reachable(now, spool.pendingEntries());
        if (line != null) {
            log.warn(line);
        }
        if (waited > STALL_TIMEOUT.toNanos()) {
            throw new DeliveryStalledException(oldest.getKey(), Duration.ofNanos(waited));
        }
    }

    private void send(Producer<byte[], byte[]> producer, SpoolEntry entry, int partition) {
        List<SpoolEntry.Header> spooled = entry.headers();
        Header[] headers = new Header[spooled.size() + 2];
        for (int i = 0; i < spooled.size(); i++) {
            headers[i] = new RecordHeader(spooled.get(i).name(), spooled.get(i).value());
        }
        headers[spooled.size()] = new RecordHeader(PipelineHeaders.GATEWAY, gatewayIdBytes);
        headers[spooled.size() + 1] = new RecordHeader(PipelineHeaders.SPOOL_OFFSET, PipelineHeaders.decimal(entry.offset()));
        long offset = entry.offset();
        int size = entry.value().length;
        inFlight.put(offset, time.nanoTime());
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
                                    KafkaErrors.name(KafkaErrors.cause(exception)), n);
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
        Map.Entry<Long, Long> oldest = inFlight.firstEntry();
        long upTo = oldest == null ? sentUpTo : oldest.getKey() - 1;
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
        Throwable t = KafkaErrors.cause(e);
        return t instanceof org.apache.kafka.common.errors.InvalidTimestampException
                || t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || t instanceof org.apache.kafka.common.InvalidRecordException;
    }

    private static boolean isRetriable(Exception e) {
        return KafkaErrors.cause(e) instanceof org.apache.kafka.common.errors.RetriableException;
    }
}
