package dev.acumat.analytics.history;

import dev.acumat.analytics.influx.InfluxSetup;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A half-open time range [from, to) of session starts, at most {@link #MAX_DAYS} days long, so
 * that one request never reads more than a bounded share of the history.
 */
public record TimeRange(Instant from, Instant to) {
    /** As long as InfluxDB keeps sessions (the rollup policy): any stretch of the history, and no more. */
    public static final int MAX_DAYS = (int) InfluxSetup.ROLLUP_DURATION.toDays();

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The range two parameters give ({@link TimeParam}). A date as {@code to} includes that day;
     * without {@code to} the range ends now, without {@code from} it starts {@code span} before its end.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    public static TimeRange parse(String fromName, String fromValue, String toName, String toValue, Duration span,
                                  Instant now, ZoneId zone) {
        Instant to = toValue == null ? now : TimeParam.parse(toName, toValue, TimeParam.End.END, now, zone);
        Instant from = fromValue == null ? max(TimeParam.MIN, to.minus(span))
                : TimeParam.parse(fromName, fromValue, TimeParam.End.START, now, zone);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException(toName + " must be after " + fromName + ", got " + fromName + " " + from
                    + " and " + toName + " " + to);
        }
        long days = Duration.between(from, to).toDays();
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new IllegalArgumentException(fromName + " and " + toName + ": at most " + MAX_DAYS
                    + " days apart, got " + days + " days");
        }
        return new TimeRange(from, to);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
