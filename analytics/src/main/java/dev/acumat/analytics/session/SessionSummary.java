package dev.acumat.analytics.session;

import dev.acumat.contract.Posture;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One session on the mat, so far or in full.
 *
 * @param sessionId          the mat id and the start time in ms: {@code mat-1.1795592008730}
 * @param startMicros        when the person got on
 * @param lastMicros         the latest frame counted
 * @param endMicros          when they got off (the start of the off period), or the last frame
 *                           when frames stopped; equals lastMicros while active
 * @param active             still running
 * @param lowerBackTimeS     time with the lower-back coverage at or above {@link SessionTracker#COVERED} (on a
 *                           lumbar pad: with any of the pad in contact, {@link MatRules#lumbarPad})
 * @param coverageMean       time-weighted mean lower-back coverage while it was measurable, NaN if never
 * @param postureShifts      shifts counted
 * @param postureTimeS       time on the mat in each posture
 * @param endReason          null while active; "got-off", "silent" or "end-of-recording"
 */
public record SessionSummary(String sessionId, long startMicros, long lastMicros, long endMicros, boolean active,
                             double lowerBackTimeS, double coverageMean, int postureShifts,
                             Map<Posture, Double> postureTimeS, String endReason) {
    public SessionSummary {
        postureTimeS = Collections.unmodifiableMap(new EnumMap<>(postureTimeS.isEmpty()
                ? new EnumMap<>(Posture.class) : postureTimeS));
    }

    public double durationS() {
        return (endMicros - startMicros) / 1e6;
    }
}
