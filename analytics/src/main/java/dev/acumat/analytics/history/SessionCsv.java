package dev.acumat.analytics.history;

import dev.acumat.contract.Posture;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Sessions as CSV (RFC 4180: comma-separated, CRLF line ends, a header row, fields with a comma,
 * quote or line break in double quotes, quotes doubled). A text field that a spreadsheet would
 * take for a formula (starting with = + - @, a tab or a carriage return) gets a leading
 * apostrophe, so that opening an export never runs anything.
 */
public final class SessionCsv {
    static final String CRLF = "\r\n";

    private SessionCsv() {
    }

    /** The header row's columns: the JSON field names, one column per posture. */
    public static String header() {
        StringBuilder b = new StringBuilder("mat,session_id,start,start_ms,end_ms,duration_s,lower_back_time_s,"
                + "lower_back_coverage_mean,posture_shifts,active,end_reason");
        for (Posture p : Posture.values()) {
            b.append(",time_").append(p.label()).append("_s");
        }
        return b.toString();
    }

    /** The whole document: the header and a row per session, in the order given. */
    public static String of(List<StoredSession> sessions) {
        StringBuilder b = new StringBuilder(header()).append(CRLF);
        for (StoredSession s : sessions) {
            b.append(text(s.mat())).append(',').append(text(s.sessionId())).append(',')
                    .append(Instant.ofEpochMilli(s.startMs())).append(',').append(s.startMs()).append(',')
                    .append(s.endMs()).append(',').append(seconds(s.durationS())).append(',')
                    .append(seconds(s.lowerBackTimeS())).append(',')
                    .append(s.lowerBackCoverageMean() == null ? ""
                            : String.format(Locale.ROOT, "%.4f", Decimals.share(s.lowerBackCoverageMean())))
                    .append(',').append(s.postureShifts()).append(',').append(s.active()).append(',')
                    .append(text(s.endReason()));
            for (Posture p : Posture.values()) {
                Double t = s.postureSeconds().get(p.label());
                b.append(',').append(t == null ? "" : seconds(t));
            }
            b.append(CRLF);
        }
        return b.toString();
    }

    /** A text field, quoted where it must be and defused where a spreadsheet would evaluate it. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Decimals.seconds(s));
    }
}
