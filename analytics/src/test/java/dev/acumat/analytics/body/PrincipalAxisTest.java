package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class PrincipalAxisTest {
    @Test
    void theClosedFormAgreesWithCommonsMath() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n = 0; n < 1000; n++) {
            double sxx = rnd.nextDouble(0.1, 400);
            double syy = rnd.nextDouble(0.1, 400);
            double sxy = rnd.nextDouble(-1, 1) * Math.sqrt(sxx * syy);
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(
                    new double[][] {{sxx, sxy}, {sxy, syy}}));
            double[] values = PrincipalAxis.eigenvalues(sxx, syy, sxy);
            double major = Math.max(eig.getRealEigenvalue(0), eig.getRealEigenvalue(1));
            double minor = Math.min(eig.getRealEigenvalue(0), eig.getRealEigenvalue(1));
            assertThat(values[0]).isCloseTo(major, within(1e-9 * major + 1e-9));
            assertThat(values[1]).isCloseTo(minor, within(1e-9 * major + 1e-9));

            // The axis chosen is an eigenvector: the one nearer the mat's length (y).
            double a = PrincipalAxis.angleFromLength(sxx, syy, sxy);
            assertThat(Math.abs(a)).isLessThanOrEqualTo(Math.PI / 4 + 1e-12);
            double ex = -Math.sin(a);
            double ey = Math.cos(a);
            boolean matched = false;
            for (int k = 0; k < 2; k++) {
                RealVector e = eig.getEigenvector(k);
                double dot = Math.abs(e.getEntry(0) * ex + e.getEntry(1) * ey) / e.getNorm();
                matched |= dot > 1 - 1e-9 || Math.abs(values[0] - values[1]) < 1e-9 * major;
            }
            assertThat(matched).isTrue();
        }
    }

    @Test
    void aBodyTurnedTowardsHigherColumnsHasAPositiveAngle() {
        // Head end (small y) at larger x: the long axis runs from upper right to lower left.
        double t = Math.toRadians(10);
        double along = 400;
        double across = 40;
        double dx = -Math.sin(t);
        double dy = Math.cos(t);
        double sxx = along * dx * dx + across * dy * dy;
        double syy = along * dy * dy + across * dx * dx;
        double sxy = (along - across) * dx * dy;

        assertThat(Math.toDegrees(PrincipalAxis.angleFromLength(sxx, syy, sxy))).isCloseTo(10, within(1e-9));
        assertThat(Math.toDegrees(PrincipalAxis.angleFromLength(syy, sxx, sxy))).isCloseTo(-10, within(1e-9));
    }
}
