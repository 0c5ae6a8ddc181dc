package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live page's day: the history's daily totals of one mat and day, less the session the page counts live. */
class DayTotalTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate DAY = LocalDate.parse("2026-11-25");

    private static StoredSession session(String mat, String start, double durationS, double lowerBackS, boolean active) {
        long ms = Instant.parse(start).toEpochMilli();
        return new StoredSession(mat, mat + "." + ms, ms, durationS, lowerBackS, 0.5, 0, active,
                active ? null : "got-off", Map.of());
    }

    private final StoredSession morning = session("mat-a", "2026-11-25T07:00:00Z", 600, 240, false);
    /** Still running: its point in InfluxDB is rewritten every 10 s, behind the live stream. */
    private final StoredSession running = session("mat-a", "2026-11-25T18:00:00Z", 822, 296, true);
    private final List<StoredSession> sessions = List.of(morning, running,
            session("mat-b", "2026-11-25T08:00:00Z", 900, 800, false),
            session("mat-a", "2026-11-24T08:00:00Z", 1200, 1000, false));

    @Test
    void theSessionShownLiveIsLeftOutSoItIsNotCountedTwice() {
        DayTotal day = DayTotal.of("mat-a", DAY, BERLIN, sessions, running.sessionId());
        assertThat(day).isEqualTo(new DayTotal("mat-a", DAY, BERLIN, running.sessionId(), 1, 600, 240));
    }

    @Test
    void withoutAnExclusionEverySessionOfTheMatAndDayCounts() {
        assertThat(DayTotal.of("mat-a", DAY, BERLIN, sessions, null))
                .isEqualTo(new DayTotal("mat-a", DAY, BERLIN, null, 2, 1422, 536));
        // Another mat's session of the same id is no reason to leave one of mat-a's out.
        assertThat(DayTotal.of("mat-a", DAY, BERLIN, sessions, "mat-b." + morning.startMs()).sessions()).isEqualTo(2);
    }

    @Test
    void aSessionAcrossMidnightCountsWholeForTheDayItStartedOn() {
        // 23:50 in Berlin (22:50 UTC) for 30 minutes: all of it is the 25th's, none the 26th's, as in /api/daily.
        StoredSession late = session("mat-a", "2026-11-25T22:50:00Z", 1800, 1500, false);
        assertThat(DayTotal.of("mat-a", DAY, BERLIN, List.of(late), null).lowerBackTimeS()).isEqualTo(1500);
        assertThat(DayTotal.of("mat-a", DAY.plusDays(1), BERLIN, List.of(late), null))
                .isEqualTo(new DayTotal("mat-a", DAY.plusDays(1), BERLIN, null, 0, 0, 0));
        // The same session in UTC began on the 25th too; at UTC+14 on the 26th.
        assertThat(DayTotal.of("mat-a", DAY, ZoneOffset.UTC, List.of(late), null).sessions()).isEqualTo(1);
        assertThat(DayTotal.of("mat-a", DAY.plusDays(1), ZoneId.of("Pacific/Kiritimati"), List.of(late), null)
                .sessions()).isEqualTo(1);
    }

    @Test
    void aDayWithoutSessionsIsZero() {
        assertThat(DayTotal.of("mat-c", DAY, BERLIN, sessions, null))
                .isEqualTo(new DayTotal("mat-c", DAY, BERLIN, null, 0, 0, 0));
        assertThat(DayTotal.of("mat-a", DAY, BERLIN, List.of(), running.sessionId()).sessions()).isZero();
    }

    @Test
    void theDaysRangeIsItsLocalMidnightToTheNextOnesAClockChangeIncluded() {
        TimeRange day = DayTotal.range(DAY, BERLIN);
        assertThat(day.from()).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));
        TimeRange shortDay = DayTotal.range(LocalDate.parse("2026-03-29"), BERLIN);
        assertThat(Duration.between(shortDay.from(), shortDay.to())).isEqualTo(Duration.ofHours(23));
    }
}
