package dev.acumat.analytics.influx;

import dev.acumat.time.Time;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link InfluxWriter} waits while InfluxDB is down or failing: capped exponential backoff
 * ({@code initialBackoff}, doubling, at most {@code maxBackoff}), for at most {@code giveUpAfter}
 * per request, on an injected {@link Time} so tests run without real waiting.
 *
 * @param giveUpAfter how long one request may keep failing before {@link InfluxWriter#write}
 *     throws; the default, 4 minutes, stays under Kafka's default {@code max.poll.interval.ms}
 *     (5 minutes), so a consumer that writes inside its poll loop gets the exception (and does not
 *     commit) before the group would evict it
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter, Time time) {
    public RetryPolicy {
        Objects.requireNonNull(time, "time");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0
                || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff and giveUpAfter >= 0");
        }
    }

    /** 100 ms doubling to 5 s, giving up after 4 minutes; on {@link Time#SYSTEM}. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(4), Time.SYSTEM);
    }

    /** With another time (tests). */
    public RetryPolicy withTime(Time time) {
        return new RetryPolicy(initialBackoff, maxBackoff, giveUpAfter, time);
    }

    /** With another bound on one request's failures. */
    public RetryPolicy withGiveUpAfter(Duration giveUpAfter) {
        return new RetryPolicy(initialBackoff, maxBackoff, giveUpAfter, time);
    }

    /** The wait before retry number {@code retry} (1 = the first retry). */
    public Duration backoff(int retry) {
        Duration d = initialBackoff;
        for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
