package dev.acumat.simulator.synthetic;

/**
 * The simulated person: an adult described by height and mass. Landmark positions scale with
 * height; soft-tissue widths scale with the square root of the body-mass index relative to the
 * reference person, so a heavier person of the same height has wider, not longer, contact areas.
 *
 * @param heightCm stature, 120..220 cm
 * @param massKg   body mass, 30..200 kg
 */
public record Body(double heightCm, double massKg) {
    /** The reference adult the anatomy tables are written for: 175 cm, 70 kg. */
    public static final Body DEFAULT = new Body(175, 70);

    private static final double G = 9.80665;
    /** The reference body's trunk centre (about L2), world y cm. */
    static final double TRUNK_CENTRE_CM = 70;

    public Body {
        if (!(heightCm >= 120 && heightCm <= 220)) {
            throw new IllegalArgumentException("height must be 120..220 cm: " + heightCm);
        }
        if (!(massKg >= 30 && massKg <= 200)) {
            throw new IllegalArgumentException("mass must be 30..200 kg: " + massKg);
        }
    }

    /** Body weight in newtons: the total force on a surface carrying the whole person. */
    public double weightN() {
        return massKg * G;
    }

    /** Longitudinal scale relative to the 175 cm reference. */
    double lengthScale() {
        return heightCm / 175.0;
    }

    /**
     * Where a point of the reference body's world (y cm, see {@link MatGeometry}) lies for this
     * body: lengths scale about the trunk centre (y = 70 cm), because a person lies down with
     * the back, not the crown, where the reference person has it.
     */
    double scaleY(double referenceY) {
        return TRUNK_CENTRE_CM + (referenceY - TRUNK_CENTRE_CM) * lengthScale();
    }

    /** Lateral soft-tissue scale: square root of this body-mass index over the reference's (22.9). */
    double widthScale() {
        double bmi = massKg / Math.pow(heightCm / 100.0, 2);
        double ref = 70 / Math.pow(1.75, 2);
        return Math.sqrt(bmi / ref);
    }
}
