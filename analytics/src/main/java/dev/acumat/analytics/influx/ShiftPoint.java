package dev.acumat.analytics.influx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.acumat.contract.RecordLayouts;
import dev.acumat.contract.RecordLayouts.PostureShift;

/**
 * A change of posture, or a movement of the body, within a session: the record of
 * acumat.posture-shifts (its JSON field names are {@link RecordLayouts.PostureShift}'s) and the
 * {@code posture_shift} point ({@link InfluxSchema}). A null field is absent.
 *
 * @param sessionId the session it belongs to
 * @param timeMicros when the movement began, epoch microseconds
 * @param from the posture before (supine, prone, left, right, sitting, standing, unknown)
 * @param to the posture after
 * @param copShiftCm how far the centre of pressure moved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShiftPoint(@JsonProperty(RecordLayouts.MAT) String mat,
                         @JsonProperty(RecordLayouts.SESSION_ID) String sessionId,
                         @JsonProperty(RecordLayouts.TIME_US) long timeMicros,
                         @JsonProperty(PostureShift.FROM) String from,
                         @JsonProperty(PostureShift.TO) String to,
                         @JsonProperty(PostureShift.COP_SHIFT_CM) Double copShiftCm) implements SinkPoint {
    public ShiftPoint {
        SinkPoint.checkMat(mat);
    }

    /** The point's time: the movement's start, in milliseconds. */
    @Override
    public long timeMs() {
        return timeMicros / 1000;
    }

    /** A shift at {@code timeMs}. */
    public static ShiftPoint of(String mat, long timeMs, String sessionId, String from, String to, Double copShiftCm) {
        return new ShiftPoint(mat, sessionId, timeMs * 1000, from, to, copShiftCm);
    }
}
