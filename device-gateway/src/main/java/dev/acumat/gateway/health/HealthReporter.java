package dev.acumat.gateway.health;

import dev.acumat.time.Time;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every interval: one log line per mat, and the same counters handed on for the health topic. */
public final class HealthReporter {
    private static final Logger log = LoggerFactory.getLogger("dev.acumat.gateway.health");

    /** Where the snapshots go besides the log: the spool, towards acumat.device-health. */
    @FunctionalInterface
    public interface Sink {
        void accept(MatHealth.Snapshot snapshot);
    }

    private final Map<String, MatHealth> mats;
    private final LongSupplier spoolDepth;
    private final Time time;
    private final Sink sink;

    public HealthReporter(Map<String, MatHealth> mats, LongSupplier spoolDepth, Time time, Sink sink) {
        this.mats = mats;
        this.spoolDepth = spoolDepth;
        this.time = time;
        this.sink = sink;
    }

    /** Reports every mat once; called by a scheduler at the health interval. */
    public void report() {
        long depth = spoolDepth.getAsLong();
        for (MatHealth mat : mats.values()) {
            MatHealth.Snapshot s = mat.snapshot(time.nanoTime(), time.currentTimeMillis(), depth);
            log.info(s.line());
            sink.accept(s);
        }
    }
}
