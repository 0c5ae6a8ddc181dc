package dev.acumat.analytics.session;

/**
 * The thresholds of the session rules that depend on the kind of mat. The on/off areas of
 * {@link OnMatDetector} (and the analyzer's area for a first person on a mat never seen empty)
 * were set on the 70 x 44 cm acupressure mat; a lumbar pad of 40 x 40 cm shows only the part of
 * a person that lies on it, so there they are scaled by the pad's area over the acupressure
 * mat's, keeping the same share of the mat. And on a pad, which is all lower back, the lower back
 * counts as on it whenever any of the pad is in contact, and no posture is asked.
 *
 * @param areaScale    what the body-area thresholds are multiplied by, (0, 1]
 * @param coveredFrom  the lower-back coverage from which the time counts as lower-back time
 * @param postures     whether postures are classified and timed
 */
public record MatRules(double areaScale, double coveredFrom, boolean postures) {
    /** The mat the area thresholds were set on: 32 x 20 cells at 22 mm. */
    public static final double REFERENCE_AREA_CM2 = 70.4 * 44;

    /** A mat that shows the back and more: the thresholds as they are, postures asked. */
    public static final MatRules STANDARD = new MatRules(1, SessionTracker.COVERED, true);

    public MatRules {
        if (!(areaScale > 0 && areaScale <= 1) || !(coveredFrom > 0 && coveredFrom <= 1)) {
            throw new IllegalArgumentException("area scale and coverage threshold must be in (0, 1]: " + areaScale
                    + ", " + coveredFrom);
        }
    }

    /** A lumbar pad of this area. */
    public static MatRules lumbarPad(double padAreaCm2) {
        return new MatRules(Math.min(1, padAreaCm2 / REFERENCE_AREA_CM2), Double.MIN_VALUE, false);
    }

    /** {@code cm2}, one of the thresholds set on the acupressure mat, for this mat. */
    public double area(double cm2) {
        return cm2 * areaScale;
    }
}
