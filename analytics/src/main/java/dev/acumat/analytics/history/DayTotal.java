package dev.acumat.analytics.history;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One mat's day, counted as {@link DailyTotals} counts it (a session counts whole for the day it
 * started on in the zone), less one session: the live page's goal. That page adds the running
 * session's lower-back time from the live stream, which runs ahead of the session's point in
 * InfluxDB (rewritten only every 10 s); leaving that session out here is what keeps it from
 * being counted twice.
 *
 * @param excluded the session left out, or null
 */
public record DayTotal(String mat, LocalDate date, ZoneId zone, String excluded, int sessions, double timeOnMatS,
                       double lowerBackTimeS) {
    public DayTotal {
        Objects.requireNonNull(mat, "mat");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
    }

    /** The starts a day holds: its first moment in the zone to the next day's (23 or 25 hours on a clock change). */
    public static TimeRange range(LocalDate date, ZoneId zone) {
        return new TimeRange(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * The day's totals of {@code mat}'s sessions in {@code sessions} that started on {@code date}
     * in {@code zone}, without the session {@code excluded} (null: none left out).
     */
    public static DayTotal of(String mat, LocalDate date, ZoneId zone, List<StoredSession> sessions, String excluded) {
        List<StoredSession> counted = sessions.stream()
                .filter(s -> s.mat().equals(mat) && !s.sessionId().equals(excluded)).toList();
        return DailyTotals.of(counted, zone).stream().filter(d -> d.date().equals(date)).findFirst()
                .map(d -> new DayTotal(mat, date, zone, excluded, d.sessions(), d.timeOnMatS(), d.lowerBackTimeS()))
                .orElse(new DayTotal(mat, date, zone, excluded, 0, 0, 0));
    }
}
