package dev.acumat.analytics.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.influx.InfluxWriter;
import dev.acumat.analytics.stream.AnalyticsRecords;
import dev.acumat.contract.Topics;
import dev.acumat.time.Time;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.junit.jupiter.api.Test;

/** Stopping the analytics while InfluxDB is away: the sink's thread ends quietly, nothing committed. */
class InfluxSinkShutdownTest {
    /** As KafkaConsumer does: closing it from an interrupted thread throws. */
    private static final class StrictConsumer extends MockConsumer<String, byte[]> {
        StrictConsumer() {
            super(AutoOffsetResetStrategy.EARLIEST.name());
        }

        @Override
        public synchronized void close(Duration timeout) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptException(new InterruptedException());
            }
            super.close(timeout);
        }
    }

    @Test
    void anInterruptWhileInfluxIsAwayEndsTheSinkWithoutAnException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();  // nobody listens there: InfluxDB is down
        }
        InfluxWriter writer = new InfluxWriter(new InfluxEndpoint(URI.create("http://127.0.0.1:" + port), "acumat", null),
                InfluxWriter.Options.defaults());
        StrictConsumer consumer = new StrictConsumer();
        TopicPartition tp = new TopicPartition(Topics.CONTACT, 0);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(tp));
            consumer.updateBeginningOffsets(Map.of(tp, 0L));
            consumer.addRecord(new ConsumerRecord<>(tp.topic(), 0, 0, "mat-1", AnalyticsRecords.toJson(
                    new ContactPoint("mat-1", 1_790_000_000_000_000L, null, "kPa", 0.5, 900, 100, null,
                            20, 5, 400.0, 20.0, 30.0, "supine"))));
        });
        InfluxSink sink = new InfluxSink(consumer, writer, Time.SYSTEM);
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        Thread thread = new Thread(sink, "influx-sink");
        thread.setUncaughtExceptionHandler((t, e) -> escaped.set(e));
        thread.start();
        while (thread.isAlive() && consumer.subscription().isEmpty()) {
            Thread.onSpinWait();
        }
        // As AnalyticsService.close does when a write waits for InfluxDB past its grace.
        sink.close();
        thread.interrupt();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(escaped.get()).isNull();
        assertThat(consumer.closed()).isTrue();
        assertThat(sink.written()).isZero();
    }
}
