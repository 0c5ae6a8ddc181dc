package dev.acumat.analytics.session;

import dev.acumat.contract.Posture;

/**
 * What the session logic needs of one frame.
 *
 * @param timeMicros         the frame's time (wall clock from the mat's clock anchor, or the
 *                           recording's frame time), microseconds
 * @param bodyAreaCm2        area of the contact that presses like a body (not a topper's light
 *                           even load, not stuck cells)
 * @param copXCm             centre of pressure across the mat, NaN without load
 * @param copYCm             centre of pressure along the mat, NaN without load
 * @param posture            the frame's posture
 * @param lowerBackCoverage  share of the lower-back region in contact, or NaN when absent
 * @param load               total force on the mat (any unit, compared only with itself)
 */
public record Observation(long timeMicros, double bodyAreaCm2, double copXCm, double copYCm, Posture posture,
                          double lowerBackCoverage, double load) {
}
