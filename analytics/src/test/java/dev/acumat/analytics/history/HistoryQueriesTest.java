package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the queries that need no InfluxDB (the rest: HistoryApiIT). */
class HistoryQueriesTest {
    @Test
    void theContactCurveWidthKeepsASessionUnder2000Points() {
        assertThat(HistoryQueries.step(60_000, 0)).isZero();             // a minute: every second
        assertThat(HistoryQueries.step(1_998_000, 0)).isZero();          // 1998 s: still every second
        assertThat(HistoryQueries.step(1_999_000, 0)).isEqualTo(1);      // 2 s
        assertThat(HistoryQueries.step(3 * 3600_000, 0)).isEqualTo(3);   // three hours: 10 s
        assertThat(HistoryQueries.step(60_000, 60)).isEqualTo(6);        // the rollup: a minute at least
        assertThat(HistoryQueries.step(400L * 86_400_000, 0)).isEqualTo(14);  // 6 h: 1600 points
    }

    @Test
    void aSessionRowReadsTheSchemasFields() {
        Map<String, Object> row = new java.util.HashMap<>(Map.of("time", 1795592005000.0, "mat", "mat-1",
                "session_id", "mat-1.1795592005000", "duration_s", 600.5, "lower_back_time_s", 300.0,
                "posture_shifts", 3.0, "active", false, "end_reason", "got-off", "time_supine_s", 500.0,
                "time_left_s", 100.5));
        row.put("lower_back_coverage_mean", null);
        row.put("time_s", 1.0);  // not a posture time
        StoredSession s = StoredSession.fromRow(row);
        assertThat(s).isEqualTo(new StoredSession("mat-1", "mat-1.1795592005000", 1795592005000L, 600.5, 300, null, 3,
                false, "got-off", Map.of("supine", 500.0, "left", 100.5)));
        assertThat(s.endMs()).isEqualTo(1795592605500L);
        assertThat(StoredSession.fromRow(Map.of("mat", "x"))).isNull();
    }
}
