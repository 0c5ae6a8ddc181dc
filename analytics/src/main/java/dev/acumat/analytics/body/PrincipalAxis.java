package dev.acumat.analytics.body;

/**
 * Principal axes of a 2 x 2 covariance, in closed form. This is the eigen-decomposition that
 * Commons Math's {@code EigenDecomposition} performs (the tests compare the two); written out
 * because the general solver allocates a dozen objects and costs more than the rest of a
 * 32 x 20 frame's analysis together.
 */
final class PrincipalAxis {
    private PrincipalAxis() {
    }

    /**
     * The angle (radians, -pi/4..pi/4) of the principal axis nearest the mat's length: 0 along
     * the mat (y), positive turning the head end (low y) towards +x. People lie along a mat, so
     * when the major axis runs across it (a sitting patch, two feet side by side) the minor
     * axis is the body's length.
     */
    static double angleFromLength(double sxx, double syy, double sxy) {
        double phi = 0.5 * Math.atan2(2 * sxy, sxx - syy);   // major axis, from +x
        double ex = Math.cos(phi);
        double ey = Math.sin(phi);
        if (Math.abs(ey) < Math.abs(ex)) {                  // major runs across: take the minor
            double t = ex;
            ex = -ey;
            ey = t;
        }
        if (ey < 0) {
            ex = -ex;
            ey = -ey;
        }
        return Math.atan2(-ex, ey);
    }

    /** The eigenvalues {major, minor} of the covariance. */
    static double[] eigenvalues(double sxx, double syy, double sxy) {
        double mean = (sxx + syy) / 2;
        double r = Math.hypot((sxx - syy) / 2, sxy);
        return new double[] {mean + r, mean - r};
    }
}
