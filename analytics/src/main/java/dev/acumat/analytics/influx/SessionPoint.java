package dev.acumat.analytics.influx;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one {@code session} point of a session, timestamped at its start and rewritten (same time,
 * so the same point) while it runs and when it ends. See {@link SinkPoint} for absent values.
 *
 * @param startMs the session's first frame, epoch ms: the point's time
 * @param sessionId the session's id
 * @param durationS time on the mat so far
 * @param lowerBackCoverageMean mean lower-back coverage while the lower back was on the mat; NaN = absent
 * @param lowerBackTimeS time with the lower back covered
 * @param postureShifts shifts so far (written as an integer)
 * @param active true while the session runs, false once it has ended
 * @param secondsByPosture extra fields {@code time_<posture>_s}: seconds spent in each posture
 *     (keys in lower case, e.g. {@code supine}); may be empty
 * @param endReason extra field {@code end_reason}, e.g. {@code left_mat}; null = absent (a running session)
 */
public record SessionPoint(String mat, long startMs, String sessionId, double durationS,
                           double lowerBackCoverageMean, double lowerBackTimeS, int postureShifts,
                           boolean active, Map<String, Double> secondsByPosture, String endReason)
        implements SinkPoint {
    private static final Pattern POSTURE_KEY = Pattern.compile("[a-z][a-z0-9_]*");

    public SessionPoint {
        SinkPoint.checkMat(mat);
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("session id is missing");
        }
        // Sorted, so the fields (and the line protocol) come out in one order.
        Map<String, Double> copy = new TreeMap<>();
        if (secondsByPosture != null) {
            for (Map.Entry<String, Double> e : secondsByPosture.entrySet()) {
                if (e.getKey() == null || !POSTURE_KEY.matcher(e.getKey()).matches()) {
                    throw new IllegalArgumentException("posture name not usable in a field name: " + e.getKey());
                }
                if (e.getValue() != null) {
                    copy.put(e.getKey(), e.getValue());
                }
            }
        }
        secondsByPosture = Collections.unmodifiableMap(copy);
    }

    /** The contract's fields only. */
    public static SessionPoint of(String mat, long startMs, String sessionId, double durationS,
                                  double lowerBackCoverageMean, double lowerBackTimeS, int postureShifts,
                                  boolean active) {
        return new SessionPoint(mat, startMs, sessionId, durationS, lowerBackCoverageMean, lowerBackTimeS,
                postureShifts, active, Map.of(), null);
    }

    /** The session's start: the point's time. */
    @Override
    public long timeMs() {
        return startMs;
    }
}
