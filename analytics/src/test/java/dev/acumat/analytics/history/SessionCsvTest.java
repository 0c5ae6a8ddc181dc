package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionCsvTest {
    @Test
    void textFieldsAreQuotedWhereTheyMustBe() {
        assertThat(SessionCsv.text("mat-1.123")).isEqualTo("mat-1.123");
        assertThat(SessionCsv.text("got-off")).isEqualTo("got-off");
        assertThat(SessionCsv.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(SessionCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(SessionCsv.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(SessionCsv.text("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(SessionCsv.text(null)).isEmpty();
        assertThat(SessionCsv.text("")).isEmpty();
    }

    @Test
    void whatASpreadsheetWouldEvaluateIsDefused() {
        assertThat(SessionCsv.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(SessionCsv.text("+1")).isEqualTo("'+1");
        assertThat(SessionCsv.text("-mat")).isEqualTo("'-mat");
        assertThat(SessionCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SessionCsv.text("\tx")).isEqualTo("'\tx");
    }

    @Test
    void aDocumentHasTheHeaderAndARowPerSessionWithCrlf() {
        StoredSession ended = new StoredSession("mat-1", "mat-1.1795592005000", 1795592005000L, 600.5, 300.25, 0.62,
                3, false, "got-off", Map.of("supine", 500.0, "left", 100.5));
        StoredSession running = new StoredSession("mat,2", "mat,2.1795592905000", 1795592905000L, 10, 0, null, 0, true,
                null, Map.of());
        String csv = SessionCsv.of(List.of(ended, running));
        assertThat(csv.split("\r\n", -1)).containsExactly(
                "mat,session_id,start,start_ms,end_ms,duration_s,lower_back_time_s,lower_back_coverage_mean,"
                        + "posture_shifts,active,end_reason,time_supine_s,time_prone_s,time_left_s,time_right_s,"
                        + "time_sitting_s,time_standing_s,time_unknown_s",
                "mat-1,mat-1.1795592005000,2026-11-25T07:33:25Z,1795592005000,1795592605500,600.500,300.250,0.6200,3,"
                        + "false,got-off,500.000,,100.500,,,,",
                "\"mat,2\",\"mat,2.1795592905000\",2026-11-25T07:48:25Z,1795592905000,1795592915000,10.000,0.000,,0,"
                        + "true,,,,,,,,",
                "");
        assertThat(SessionCsv.of(List.of())).isEqualTo(SessionCsv.header() + "\r\n");
    }
}
