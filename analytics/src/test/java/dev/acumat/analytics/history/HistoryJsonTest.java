package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryJsonTest {
    /** Sums of frame times as InfluxDB returns them. */
    private static final StoredSession SESSION = new StoredSession("mat-1", "mat-1.1790000000000", 1_790_000_000_000L,
            224.0799999999897, 118.92000000000003, 0.7777777777, 2, false, "got-off",
            Map.of("supine", 200.04000000000005, "left", 24.039999999999992));

    @Test
    void numbersCarryTheDecimalsThatWereMeasuredInJsonAndCsvAlike() throws Exception {
        StringWriter json = new StringWriter();
        HistoryJson.write(HistoryJson.session(SESSION), json);
        assertThat(json.toString()).contains("\"duration_s\" : 224.08", "\"lower_back_time_s\" : 118.92",
                "\"lower_back_coverage_mean\" : 0.7778", "\"time_supine_s\" : 200.04", "\"time_left_s\" : 24.04")
                .doesNotContainPattern(": -?\\d+\\.\\d{5,}");
        assertThat(SessionCsv.of(java.util.List.of(SESSION))).contains(",224.080,118.920,0.7778,2,false,got-off,");
    }
}
