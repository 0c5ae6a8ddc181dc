package dev.acumat.analytics.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One end of a time range as people write it: an ISO-8601 time with a zone
 * ({@code 2026-11-25T08:00:00Z}, {@code 2026-11-25T09:00:00+01:00}), a date ({@code 2026-11-25},
 * a whole day in the caller's zone), a time back from now ({@code 30s}, {@code 30m},
 * {@code 12h}, {@code 7d}, {@code 2w}), or {@code now}.
 */
public final class TimeParam {
    /** InfluxDB 1.x keeps times from 1677 to 2262; history before 1970 or after 2199 is a mistake. */
    static final Instant MIN = Instant.EPOCH;
    static final Instant MAX = LocalDate.of(2200, 1, 1).atStartOfDay(ZoneId.of("UTC")).toInstant();

    private static final Pattern RELATIVE = Pattern.compile("([0-9]{1,6})([smhdw])");

    /** Which end: a date as a start means its first moment, as an end the first moment of the next day. */
    public enum End { START, END }

    private TimeParam() {
    }

    /**
     * The instant {@code value} stands for.
     *
     * @param name the parameter's name, for the message
     * @param now what relative values count back from
     * @param zone the zone of a date
     * @throws IllegalArgumentException naming {@code name}
     */
    public static Instant parse(String name, String value, End end, Instant now, ZoneId zone) {
        HistoryParams.present(name, value);
        Instant t = instant(value, end, now, zone);
        if (t == null) {
            throw new IllegalArgumentException(name + ": give an ISO-8601 time (2026-11-25T08:00:00Z), a date"
                    + " (2026-11-25), a time back from now (30m, 12h, 7d) or now, got " + HistoryParams.echo(value));
        }
        if (t.isBefore(MIN) || !t.isBefore(MAX)) {
            throw new IllegalArgumentException(name + ": " + HistoryParams.echo(value) + " is out of range (1970 to 2199)");
        }
        return t;
    }

    private static Instant instant(String value, End end, Instant now, ZoneId zone) {
        if (value.equals("now")) {
            return now;
        }
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            return now.minus(unit(relative.group(2)).multipliedBy(n));
        }
        try {
            if (HistoryParams.DATE.matcher(value).matches()) {
                LocalDate day = LocalDate.parse(value);
                return (end == End.START ? day : day.plusDays(1)).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration unit(String unit) {
        switch (unit) {
            case "s":
                return Duration.ofSeconds(1);
            case "m":
                return Duration.ofMinutes(1);
            case "h":
                return Duration.ofHours(1);
            case "d":
                return Duration.ofDays(1);
            default:
                return Duration.ofDays(7);
        }
    }
}
