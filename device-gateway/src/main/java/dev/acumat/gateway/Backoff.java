package dev.acumat.gateway;

import java.time.Duration;

/** Capped exponential backoff: first, twice that, ... up to max; reset after a success. */
public final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private long next;

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max: " + first + ", " + max);
        }
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.next = firstMillis;
    }

    /** The wait before the next attempt; each call doubles the following one, up to the cap. */
    public long nextMillis() {
        long wait = next;
        next = Math.min(maxMillis, next * 2);
        return wait;
    }

    public void reset() {
        next = firstMillis;
    }
}
