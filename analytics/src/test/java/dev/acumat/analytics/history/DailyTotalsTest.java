package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyTotalsTest {
    private static StoredSession session(String mat, String start, double durationS, double lowerBackS, long shifts) {
        long ms = Instant.parse(start).toEpochMilli();
        return new StoredSession(mat, mat + "." + ms, ms, durationS, lowerBackS, 0.5, shifts, false, "got-off", Map.of());
    }

    private final List<StoredSession> sessions = List.of(
            session("mat-b", "2026-11-24T10:00:00Z", 300, 100, 1),
            session("mat-a", "2026-11-24T23:30:00Z", 900, 600, 2),
            session("mat-a", "2026-11-24T08:00:00Z", 600, 300, 0),
            session("mat-a", "2026-11-25T07:00:00Z", 1200, 1000, 4));

    @Test
    void sessionsAddUpPerMatAndUtcDaySorted() {
        assertThat(DailyTotals.of(sessions, ZoneOffset.UTC)).containsExactly(
                new DailyTotals.Day("mat-a", LocalDate.parse("2026-11-24"), 2, 1500, 900, 2),
                new DailyTotals.Day("mat-a", LocalDate.parse("2026-11-25"), 1, 1200, 1000, 4),
                new DailyTotals.Day("mat-b", LocalDate.parse("2026-11-24"), 1, 300, 100, 1));
    }

    @Test
    void aSessionCountsForTheLocalDayItStartedOn() {
        // 23:30 UTC is 00:30 the next day in Berlin: it moves to the 25th, whole.
        assertThat(DailyTotals.of(sessions, ZoneId.of("Europe/Berlin"))).containsExactly(
                new DailyTotals.Day("mat-a", LocalDate.parse("2026-11-24"), 1, 600, 300, 0),
                new DailyTotals.Day("mat-a", LocalDate.parse("2026-11-25"), 2, 2100, 1600, 6),
                new DailyTotals.Day("mat-b", LocalDate.parse("2026-11-24"), 1, 300, 100, 1));
    }

    @Test
    void noSessionsNoDays() {
        assertThat(DailyTotals.of(List.of(), ZoneOffset.UTC)).isEmpty();
    }
}
