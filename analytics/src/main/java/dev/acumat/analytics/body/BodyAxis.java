package dev.acumat.analytics.body;

/**
 * The long axis of the body on the mat, from the principal axes of its normalised pressure.
 * Coordinates are mat centimetres as in {@link dev.acumat.analytics.frame.PressureMap}: x across
 * from column 0's edge, y along from the head edge.
 *
 * @param centreXCm centre of pressure across the mat
 * @param centreYCm centre of pressure along the mat
 * @param angleDeg  the axis's angle to the mat's length, -45..45; 0 lies along the mat, positive
 *                  turns the head end towards higher columns
 * @param lengthCm  extent of the contact along the axis
 * @param widthCm   extent of the contact across the axis
 */
public record BodyAxis(double centreXCm, double centreYCm, double angleDeg, double lengthCm, double widthCm) {

    /** Unit vector along the axis, pointing to the feet: {x, y}. */
    public double[] footward() {
        double a = Math.toRadians(angleDeg);
        return new double[] {-Math.sin(a), Math.cos(a)};
    }
}
