package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTableTest {
    private static StoredSession session(String mat, String start, double durationS, double lowerBackS, Double coverage,
                                         long shifts, boolean active, Map<String, Double> postures) {
        long ms = Instant.parse(start).toEpochMilli();
        return new StoredSession(mat, mat + "." + ms, ms, durationS, lowerBackS, coverage, shifts, active,
                active ? null : "got-off", postures);
    }

    private final List<StoredSession> sessions = List.of(
            session("mat-1", "2026-11-24T07:00:00Z", 605.4, 300, 0.624, 2, false, Map.of("supine", 540.0, "left", 60.0)),
            session("bedroom-mat", "2026-11-25T06:30:00Z", 4530, 0, null, 0, true, Map.of()));

    @Test
    void alignedColumnsInLocalTimeAndATotalsLine() {
        assertThat(SessionTable.render(sessions, true, ZoneId.of("Europe/Berlin"), false)).isEqualTo(
                "start             mat          duration  lower back  coverage  shifts  postures              active"
                        + "  session\n"
              + "2026-11-24 08:00  mat-1           10:05       05:00       62%       2  supine 90%, left 10%  no    "
                        + "  mat-1.1795503600000\n"
              + "2026-11-25 07:30  bedroom-mat     75:30       00:00         -       0  -                     yes   "
                        + "  bedroom-mat.1795588200000\n"
              + "2 sessions: 85:35 on the mat, 05:00 with the lower back covered, 2 shifts\n");
    }

    @Test
    void withoutTheMatColumnForOneMatAndSayingWhenThereIsMore() {
        String table = SessionTable.render(sessions.subList(0, 1), false, ZoneId.of("UTC"), true);
        assertThat(table.lines().findFirst().orElseThrow()).isEqualTo(
                "start             duration  lower back  coverage  shifts  postures              active  session");
        assertThat(table).endsWith("1 session: 10:05 on the mat, 05:00 with the lower back covered, 2 shifts"
                + " (the latest 1 only: raise --limit for more)\n");
        assertThat(SessionTable.render(List.of(), true, ZoneId.of("UTC"), false)).isEqualTo("no sessions\n");
    }

    @Test
    void dailyTotalsLowerBackFirstAndCsvWithTheApisFieldNames() {
        List<StoredSession> two = List.of(sessions.get(0),
                session("mat-1", "2026-11-24T18:00:00Z", 300, 240, 0.5, 1, false, Map.of("supine", 300.0)),
                sessions.get(1));
        List<DailyTotals.Day> days = DailyTotals.of(two, ZoneId.of("UTC"));
        assertThat(DailyTable.render(days, true)).isEqualTo(
                "date        mat          lower back  on the mat  sessions  shifts\n"
              + "2026-11-25  bedroom-mat       00:00       75:30         1       0\n"
              + "2026-11-24  mat-1             09:00       15:05         2       3\n"
              + "2 days: 04:30 a day with the lower back on the spikes, 45:18 on the mat\n");
        assertThat(DailyTable.render(days.subList(1, 2), false).lines().findFirst().orElseThrow())
                .isEqualTo("date        lower back  on the mat  sessions  shifts");
        assertThat(DailyTable.csv(days.subList(1, 2))).isEqualTo(
                "mat,date,sessions,time_on_mat_s,lower_back_time_s,posture_shifts\r\n"
              + "mat-1,2026-11-24,2,905.400,540.000,3\r\n");
        assertThat(DailyTable.render(List.of(), true)).isEqualTo("no sessions\n");
    }

    @Test
    void durationsAndPostures() {
        assertThat(SessionTable.mmss(0)).isEqualTo("00:00");
        assertThat(SessionTable.mmss(59.6)).isEqualTo("01:00");
        assertThat(SessionTable.mmss(3725)).isEqualTo("62:05");
        assertThat(SessionTable.postures(Map.of("supine", 999.0, "left", 1.0))).isEqualTo("supine 100%");
        assertThat(SessionTable.postures(Map.of("prone", 0.0))).isEqualTo("-");
    }
}
