package dev.acumat.gateway.health;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's counters as Micrometer meters (scraped as Prometheus text): per mat the same
 * counters as the health line, tagged {@code mat}; the spool's depth; what Kafka took. Mats
 * appear as they are first heard of.
 */
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private final Map<String, MatHealth> mats;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    // Micrometer holds what a function meter reads only weakly: a supplier nobody else keeps (a
    // method reference made for the call) is collected at the next GC, and the meter reads NaN.
    private final LongSupplier spoolDepth;
    private final LongSupplier sent;
    private final LongSupplier skippedAsDuplicates;
    private final LongSupplier refused;

    public GatewayMetrics(MeterRegistry registry, Map<String, MatHealth> mats, LongSupplier spoolDepth,
                          LongSupplier sent, LongSupplier skippedAsDuplicates, LongSupplier refused) {
        this.registry = registry;
        this.mats = mats;
        this.spoolDepth = spoolDepth;
        this.sent = sent;
        this.skippedAsDuplicates = skippedAsDuplicates;
        this.refused = refused;
        Gauge.builder("acumat.gateway.spool.depth", spoolDepth, s -> s.getAsLong())
                .description("records in the spool that Kafka has not acknowledged").register(registry);
        FunctionCounter.builder("acumat.gateway.kafka.sent", sent, s -> s.getAsLong())
                .description("records Kafka acknowledged").register(registry);
        FunctionCounter.builder("acumat.gateway.kafka.duplicates.skipped", skippedAsDuplicates, s -> s.getAsLong())
                .description("spooled records found already in Kafka after a restart").register(registry);
        FunctionCounter.builder("acumat.gateway.kafka.refused", refused, s -> s.getAsLong())
                .description("records Kafka refused for good (timestamp, size): dropped").register(registry);
        refresh();
    }

    /** Registers the meters of mats heard of since the last call. */
    public void refresh() {
        for (MatHealth mat : mats.values()) {
            if (registered.add(mat.matId())) {
                counter("acumat.gateway.frames", mat, m -> m.frames, "frames accepted into the spool");
                counter("acumat.gateway.bytes", mat, m -> m.bytes, "bytes read from the serial port");
                counter("acumat.gateway.crc.errors", mat, m -> m.crcErrors, "stretches with a bad CRC");
                counter("acumat.gateway.resyncs", mat, m -> m.resyncs, "rejected stretches of any kind");
                counter("acumat.gateway.sequence.gaps", mat, m -> m.sequenceGaps, "jumps in sequence numbers");
                counter("acumat.gateway.frames.lost", mat, m -> m.framesLost, "frames that never arrived");
                counter("acumat.gateway.reconnects", mat, m -> m.reconnects, "serial port (re)opens");
                counter("acumat.gateway.dropped", mat, m -> m.droppedSpoolFull + m.droppedNoMatId,
                        "frames dropped (spool full, no mat id)");
                counter("acumat.gateway.malformed.lines", mat, m -> m.malformedLines,
                        "lines of a text mat that were no frame: dropped");
            }
        }
    }

    private void counter(String name, MatHealth mat, ToDoubleFunction<MatHealth> f, String description) {
        FunctionCounter.builder(name, mat, f).tag("mat", mat.matId()).description(description).register(registry);
    }
}
