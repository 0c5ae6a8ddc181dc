package dev.acumat.analytics.history;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code session} point as InfluxDB holds it ({@link dev.acumat.analytics.influx.InfluxSchema}). The point's time is the
 * session's start; its end is the start plus the duration.
 *
 * @param lowerBackCoverageMean null when the lower back was never on the mat
 * @param endReason null while the session runs
 * @param postureSeconds the {@code time_<posture>_s} fields, by posture name, sorted
 */
public record StoredSession(String mat, String sessionId, long startMs, double durationS, double lowerBackTimeS,
                            Double lowerBackCoverageMean, long postureShifts, boolean active, String endReason,
                            Map<String, Double> postureSeconds) {
    public StoredSession {
        postureSeconds = Collections.unmodifiableMap(new TreeMap<>(postureSeconds));
    }

    public long endMs() {
        return startMs + Math.round(durationS * 1000);
    }

    /** From a row of {@code SELECT *} (columns by name; times in epoch ms); null when it is not a session. */
    static StoredSession fromRow(Map<String, Object> row) {
        Object time = row.get("time");
        Object mat = row.get("mat");
        if (!(time instanceof Number) || !(mat instanceof String)) {
            return null;
        }
        long start = ((Number) time).longValue();
        Object id = row.get("session_id");
        Map<String, Double> postures = new TreeMap<>();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("time_") && k.endsWith("_s") && k.length() > 7 && e.getValue() instanceof Number) {
                postures.put(k.substring(5, k.length() - 2), ((Number) e.getValue()).doubleValue());
            }
        }
        Object coverage = row.get("lower_back_coverage_mean");
        Object reason = row.get("end_reason");
        return new StoredSession((String) mat, id instanceof String ? (String) id : mat + "." + start, start,
                number(row.get("duration_s")), number(row.get("lower_back_time_s")),
                coverage instanceof Number ? ((Number) coverage).doubleValue() : null,
                (long) number(row.get("posture_shifts")), Boolean.TRUE.equals(row.get("active")),
                reason instanceof String ? (String) reason : null, postures);
    }

    private static double number(Object value) {
        return value instanceof Number ? ((Number) value).doubleValue() : 0;
    }
}
