package dev.acumat.analytics.influx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.acumat.contract.RecordLayouts;
import dev.acumat.contract.RecordLayouts.Session;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A session on the mat, so far or in full: the record of acumat.sessions (its JSON field names
 * are {@link RecordLayouts.Session}'s) and the one {@code session} point of the session
 * ({@link InfluxSchema}), timestamped at its start and rewritten (same time, so the same point)
 * while it runs and when it ends. A null field is absent.
 *
 * @param sessionId the session's id
 * @param startMicros the session's first frame, epoch microseconds: the point's time
 * @param endMicros when it ended (or its latest frame, while it runs); not stored in InfluxDB
 * @param active true while the session runs, false once it has ended
 * @param durationS time on the mat so far
 * @param lowerBackCoverageMean mean lower-back coverage while the lower back was on the mat;
 *     null when it never was
 * @param lowerBackTimeS time with the lower back covered
 * @param postureShifts shifts so far (an integer in InfluxDB)
 * @param postureTimeS seconds spent in each posture, by its lower-case name (e.g.
 *     {@code supine}); the fields {@code time_<posture>_s} in InfluxDB; may be empty
 * @param endReason why it ended ({@code got-off}, {@code silent}); null while it runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionPoint(@JsonProperty(RecordLayouts.MAT) String mat,
                           @JsonProperty(RecordLayouts.SESSION_ID) String sessionId,
                           @JsonProperty(Session.START_US) long startMicros,
                           @JsonProperty(Session.END_US) long endMicros,
                           @JsonProperty(Session.ACTIVE) boolean active,
                           @JsonProperty(Session.DURATION_S) double durationS,
                           @JsonProperty(Session.LOWER_BACK_COVERAGE_MEAN) Double lowerBackCoverageMean,
                           @JsonProperty(Session.LOWER_BACK_TIME_S) double lowerBackTimeS,
                           @JsonProperty(Session.POSTURE_SHIFTS) int postureShifts,
                           @JsonProperty(Session.POSTURE_TIME_S) Map<String, Double> postureTimeS,
                           @JsonProperty(Session.END_REASON) String endReason) implements SinkPoint {
    /** A posture's name must be usable inside a field name of line protocol. */
    private static final Pattern POSTURE_KEY = Pattern.compile("[a-z][a-z0-9_]*");

    public SessionPoint {
        SinkPoint.checkMat(mat);
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("session id is missing");
        }
        // In the given order (the JSON keeps it); InfluxSchema sorts the fields itself.
        Map<String, Double> copy = new LinkedHashMap<>();
        if (postureTimeS != null) {
            for (Map.Entry<String, Double> e : postureTimeS.entrySet()) {
                if (e.getKey() == null || !POSTURE_KEY.matcher(e.getKey()).matches()) {
                    throw new IllegalArgumentException("posture name not usable in a field name: " + e.getKey());
                }
                if (e.getValue() != null) {
                    copy.put(e.getKey(), e.getValue());
                }
            }
        }
        postureTimeS = Collections.unmodifiableMap(copy);
    }

    /** The point's time: the session's start, in milliseconds. */
    @Override
    public long timeMs() {
        return startMicros / 1000;
    }

    /** A session started at {@code startMs}, {@code durationS} long, without time per posture or end reason. */
    public static SessionPoint of(String mat, long startMs, String sessionId, double durationS,
                                  Double lowerBackCoverageMean, double lowerBackTimeS, int postureShifts,
                                  boolean active) {
        long startMicros = startMs * 1000;
        return new SessionPoint(mat, sessionId, startMicros, startMicros + Math.round(durationS * 1e6), active,
                durationS, lowerBackCoverageMean, lowerBackTimeS, postureShifts, Map.of(), null);
    }

    /** With the time in each posture and the end reason. */
    public SessionPoint withPostures(Map<String, Double> postureTimeS, String endReason) {
        return new SessionPoint(mat, sessionId, startMicros, endMicros, active, durationS, lowerBackCoverageMean,
                lowerBackTimeS, postureShifts, postureTimeS, endReason);
    }
}
