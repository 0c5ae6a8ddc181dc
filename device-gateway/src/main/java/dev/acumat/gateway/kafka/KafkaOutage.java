package dev.acumat.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long Kafka has been out of reach, told to the operator every {@link #REPORT_EVERY}, and
 * once when it answers again. The spool's size alone does not say that Kafka is the reason.
 * Returns the lines rather than logging them, so tests read them without a log appender.
 */
final class KafkaOutage {
    static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private static final long NOT_OUT = Long.MIN_VALUE;
    private long since = NOT_OUT;
    private long lastReport;
    /** A failure that passed before the first report is not worth a "reachable again". */
    private boolean reported;

    /**
     * Kafka has not answered since {@code sinceNanos} (a failure, or the oldest record it has
     * not acknowledged); returns the line to log now, or null.
     */
    String unreachable(long nowNanos, long sinceNanos, long spooled) {
        if (since == NOT_OUT) {
            since = sinceNanos;
            lastReport = sinceNanos;
        }
        if (nowNanos - lastReport < REPORT_EVERY.toNanos()) {
            return null;
        }
        lastReport = nowNanos;
        reported = true;
        return "Kafka unreachable for " + seconds(nowNanos) + " s; " + spooled + " frames spooled";
    }

    /** Kafka answered; returns the line to log when that ends an outage, else null. */
    String reachable(long nowNanos, long spooled) {
        String line = reported
                ? "Kafka reachable again after " + seconds(nowNanos) + " s; " + spooled + " frames spooled"
                : null;
        since = NOT_OUT;
        reported = false;
        return line;
    }

    private long seconds(long nowNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nowNanos - since);
    }
}
