package dev.acumat.analytics.influx;

/**
 * One {@code posture_shift} point: a change of posture within a session, at the frame where it
 * happened. See {@link SinkPoint} for time and absent values.
 *
 * @param sessionId the session it belongs to
 * @param from the posture before (supine, prone, left, right, sitting, standing, unknown)
 * @param to the posture after
 * @param copShiftCm how far the centre of pressure moved; NaN = absent
 */
public record ShiftPoint(String mat, long timeMs, String sessionId, String from, String to, double copShiftCm)
        implements SinkPoint {
    public ShiftPoint {
        SinkPoint.checkMat(mat);
    }
}
