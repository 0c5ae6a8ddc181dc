package dev.acumat.analytics.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time on the mat per day, computed from sessions: what a person checks against the advice of
 * 10-20 minutes a day. A session counts, whole, for the day it started on in the given zone (a
 * session is minutes long; splitting one at midnight would split its lower-back time by guess).
 * Days without a session are left out.
 */
public final class DailyTotals {
    private DailyTotals() {
    }

    /** One mat's day. */
    public record Day(String mat, LocalDate date, int sessions, double timeOnMatS, double lowerBackTimeS,
                      long postureShifts) {
    }

    /** The days of the sessions, sorted by mat, then date. */
    public static List<Day> of(List<StoredSession> sessions, ZoneId zone) {
        Map<String, Map<LocalDate, Day>> byMat = new TreeMap<>();
        for (StoredSession s : sessions) {
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(s.startMs()), zone);
            byMat.computeIfAbsent(s.mat(), m -> new TreeMap<>()).merge(date,
                    new Day(s.mat(), date, 1, s.durationS(), s.lowerBackTimeS(), s.postureShifts()),
                    (a, b) -> new Day(a.mat(), a.date(), a.sessions() + b.sessions(), a.timeOnMatS() + b.timeOnMatS(),
                            a.lowerBackTimeS() + b.lowerBackTimeS(), a.postureShifts() + b.postureShifts()));
        }
        List<Day> out = new ArrayList<>();
        byMat.values().forEach(days -> out.addAll(days.values()));
        return out;
    }
}
