package dev.acumat.analytics.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history's JSON bodies (docs/WEB.md), built once for the REST API and the command line,
 * with the field names of the InfluxDB schema ({@link dev.acumat.analytics.influx.InfluxSchema}).
 */
public final class HistoryJson {
    /** Indented for people; leaves the writer open (it may be standard output). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private HistoryJson() {
    }

    /** A session: the schema's fields, its start and end, and {@code time_<posture>_s} per posture. */
    public static Map<String, Object> session(StoredSession s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mat", s.mat());
        m.put("session_id", s.sessionId());
        m.put("start", Instant.ofEpochMilli(s.startMs()).toString());
        m.put("start_ms", s.startMs());
        m.put("end_ms", s.endMs());
        m.put("duration_s", Decimals.seconds(s.durationS()));
        m.put("lower_back_time_s", Decimals.seconds(s.lowerBackTimeS()));
        m.put("lower_back_coverage_mean", Decimals.share(s.lowerBackCoverageMean()));
        m.put("posture_shifts", s.postureShifts());
        m.put("active", s.active());
        m.put("end_reason", s.endReason());
        s.postureSeconds().forEach((posture, seconds) -> m.put("time_" + posture + "_s", Decimals.seconds(seconds)));
        return m;
    }

    /** {@code GET /api/sessions}: the range asked for and a page of sessions, newest first. */
    public static Map<String, Object> sessions(String mat, TimeRange range, int limit, HistoryQueries.SessionPage page) {
        Map<String, Object> m = range(mat, range);
        m.put("limit", limit);
        m.put("more", page.more());
        List<Object> list = new ArrayList<>();
        page.sessions().forEach(s -> list.add(session(s)));
        m.put("sessions", list);
        return m;
    }

    /** {@code GET /api/sessions/{id}}: the session, its contact curve and its shifts. */
    public static Map<String, Object> detail(SessionDetail d) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("source", d.contactSource());
        contact.put("interval_s", d.contactIntervalS());
        List<Object> points = new ArrayList<>();
        for (SessionDetail.ContactSample c : d.contact()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("time_ms", c.timeMs());
            p.put("lower_back_coverage", Decimals.share(c.lowerBackCoverage()));
            p.put("contact_ratio", Decimals.share(c.contactRatio()));
            p.put("posture", c.posture());
            points.add(p);
        }
        contact.put("points", points);
        List<Object> shifts = new ArrayList<>();
        for (SessionDetail.Shift s : d.shifts()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("time_ms", s.timeMs());
            p.put("from", s.from());
            p.put("to", s.to());
            p.put("cop_shift_cm", Decimals.cm(s.copShiftCm()));
            shifts.add(p);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session", session(d.session()));
        m.put("contact", contact);
        m.put("shifts", shifts);
        return m;
    }

    /** {@code GET /api/daily}: one entry per mat and day with a session. */
    public static Map<String, Object> daily(String mat, TimeRange range, ZoneId zone, List<DailyTotals.Day> days) {
        Map<String, Object> m = range(mat, range);
        m.put("tz", zone.getId());
        List<Object> list = new ArrayList<>();
        for (DailyTotals.Day d : days) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("mat", d.mat());
            p.put("date", d.date().toString());
            p.put("sessions", d.sessions());
            p.put("time_on_mat_s", Decimals.seconds(d.timeOnMatS()));
            p.put("lower_back_time_s", Decimals.seconds(d.lowerBackTimeS()));
            p.put("posture_shifts", d.postureShifts());
            list.add(p);
        }
        m.put("days", list);
        return m;
    }

    /** {@code GET /api/day}: one mat's day without the excluded session, zeros when it had none. */
    public static Map<String, Object> day(DayTotal d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mat", d.mat());
        m.put("date", d.date().toString());
        m.put("tz", d.zone().getId());
        m.put("excluded", d.excluded());
        m.put("sessions", d.sessions());
        m.put("time_on_mat_s", Decimals.seconds(d.timeOnMatS()));
        m.put("lower_back_time_s", Decimals.seconds(d.lowerBackTimeS()));
        return m;
    }

    /** Writes a body, indented, for people and scripts reading the command line's output. */
    public static void write(Object body, Writer out) throws IOException {
        JSON.writeValue(out, body);
    }

    private static Map<String, Object> range(String mat, TimeRange range) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mat", mat);
        m.put("from", range.from().toString());
        m.put("to", range.to().toString());
        return m;
    }
}
