package dev.acumat.analytics.history;

import dev.acumat.contract.MatId;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * Checks the history's parameters, for the REST API and the command line alike. Every check
 * takes the parameter's name as the caller knows it ({@code mat} or {@code --mat}) and throws
 * an {@link IllegalArgumentException} whose message starts with that name. Checked values only
 * ever reach InfluxDB as bound parameters; the checks are there so that a mistake gets a clear
 * answer instead of an empty one, and so that nothing odd is sent at all.
 */
public final class HistoryParams {
    /** Longer values are refused before anything else looks at them. */
    public static final int MAX_VALUE_LENGTH = 200;
    /** The REST API's page size bound and default. */
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    /** A calendar date as the API writes it; for TimeParam too. */
    static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_+:/-]{1,64}");

    private HistoryParams() {
    }

    /** Refuses an empty or over-long value; returns it. */
    public static String present(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty; leave it out for the default");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(name + ": longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return value;
    }

    /** A mat id: 1..64 of A-Z a-z 0-9 . _ : - ({@link MatId}). */
    public static String mat(String name, String value) {
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty; leave it out for every mat");
        }
        present(name, value);
        if (!MatId.isValid(value)) {
            throw new IllegalArgumentException(name + ": a mat id is 1..64 characters of A-Z a-z 0-9 . _ : -, got "
                    + echo(value));
        }
        return value;
    }

    /** A session id: the mat id, a dot, the start in epoch milliseconds ({@code mat-1.1795592005000}). */
    public static SessionId sessionId(String name, String value) {
        present(name, value);
        int dot = value.lastIndexOf('.');
        String digits = dot < 0 ? "" : value.substring(dot + 1);
        String mat = dot < 0 ? "" : value.substring(0, dot);
        if (!MatId.isValid(mat) || !DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException(name + ": a session id is MAT.START_MS, e.g. mat-1.1795592005000, got "
                    + echo(value));
        }
        long startMs;
        try {
            startMs = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            startMs = -1;
        }
        if (startMs < TimeParam.MIN.toEpochMilli() || startMs >= TimeParam.MAX.toEpochMilli()) {
            throw new IllegalArgumentException(name + ": the start of session " + echo(value)
                    + " is out of range (1970 to 2199)");
        }
        return new SessionId(mat, startMs);
    }

    /** A whole number in 1..{@code max}; {@code fallback} when the value is null. */
    public static int limit(String name, String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        present(name, value);
        int limit;
        try {
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException(name + ": a whole number 1.." + max + ", got " + echo(value));
        }
        return limit;
    }

    /** A calendar date, {@code 2026-11-25}, in 1970 to 2199. */
    public static LocalDate date(String name, String value) {
        present(name, value);
        LocalDate date = null;
        try {
            if (DATE.matcher(value).matches()) {
                date = LocalDate.parse(value);
            }
        } catch (DateTimeException e) {
            // said below
        }
        if (date == null || date.getYear() < 1970 || date.getYear() > 2199) {
            throw new IllegalArgumentException(name + ": a date from 1970 to 2199 like 2026-11-25, got " + echo(value));
        }
        return date;
    }

    /** A time zone (an IANA name like Europe/Berlin, UTC, or an offset like +01:00); {@code fallback} when null. */
    public static ZoneId zone(String name, String value, ZoneId fallback) {
        if (value == null) {
            return fallback;
        }
        present(name, value);
        try {
            if (ZONE.matcher(value).matches()) {
                return ZoneId.of(value);
            }
        } catch (DateTimeException e) {
            // said below
        }
        throw new IllegalArgumentException(name + ": unknown time zone " + echo(value)
                + "; give an IANA name like Europe/Berlin, or UTC");
    }

    /**
     * A value as an error message may show it: quoted, control characters as '?', at most 64
     * characters. It goes to a terminal or into JSON, so it must not break a line.
     */
    public static String echo(String value) {
        String shown = value.length() > 64 ? value.substring(0, 61) + "..." : value;
        StringBuilder b = new StringBuilder(shown.length() + 2).append('\'');
        shown.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.append('\'').toString();
    }
}
