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
                "start             mat          duration  lower back  coverage  shifts  postures              active\n"
              + "2026-11-24 08:00  mat-1           10:05       05:00       62%       2  supine 90%, left 10%  no\n"
              + "2026-11-25 07:30  bedroom-mat     75:30       00:00         -       0  -                     yes\n"
              + "2 sessions: 85:35 on the mat, 05:00 with the lower back covered, 2 shifts\n");
    }

    @Test
    void withoutTheMatColumnForOneMatAndSayingWhenThereIsMore() {
        String table = SessionTable.render(sessions.subList(0, 1), false, ZoneId.of("UTC"), true);
        assertThat(table.lines().findFirst().orElseThrow()).isEqualTo(
                "start             duration  lower back  coverage  shifts  postures              active");
        assertThat(table).endsWith("1 session: 10:05 on the mat, 05:00 with the lower back covered, 2 shifts"
                + " (the latest 1 only: raise --limit for more)\n");
        assertThat(SessionTable.render(List.of(), true, ZoneId.of("UTC"), false)).isEqualTo("no sessions\n");
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
