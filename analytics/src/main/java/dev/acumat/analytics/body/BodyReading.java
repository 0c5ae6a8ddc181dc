package dev.acumat.analytics.body;

import dev.acumat.contract.Posture;

/**
 * What one frame says about the body on the mat.
 *
 * @param posture    the posture; {@link Posture#UNKNOWN} without a body, or when even the most
 *                   likely posture is less likely than not (half way through a roll, say)
 * @param confidence the classifier's probability of its most likely posture, 0..1 (below 0.5
 *                   the posture is UNKNOWN; 0 without a body)
 * @param lowerBack  the lumbar region and its contact, or null when the lower back is not on
 *                   the mat: no body, not lying supine, or its landmarks were not found
 * @param axis       the body's axis, or null without a body
 * @param bodyAreaCm2 area of the contacts that press like a body (at least two cells, a mean
 *                   pressure of at least 1.5 times the contact threshold): what tells a person
 *                   from a topper's light even load or stuck cells, 0 without a body
 */
public record BodyReading(Posture posture, double confidence, LowerBackRegion lowerBack, BodyAxis axis,
                          double bodyAreaCm2) {

    /** Nobody on the mat. */
    public static final BodyReading NOBODY = new BodyReading(Posture.UNKNOWN, 0, null, null, 0);

    /** Share of the lower back in contact, 0..1, or null when the lower back is not on the mat. */
    public Double lowerBackCoverage() {
        return lowerBack == null ? null : lowerBack.coverage();
    }

    /** Whether a body was found on the mat. */
    public boolean hasBody() {
        return axis != null;
    }
}
