package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutlineTest {
    @Test
    void aRegionInsideTheMatKeepsItsCorners() {
        double[] square = {1, 1, 3, 1, 3, 3, 1, 3};

        assertThat(Outline.clip(square, 10, 10)).containsExactly(square);
    }

    @Test
    void aRegionReachingPastTheEdgeStopsThere() {
        double[] wide = {-2, 1, 12, 1, 12, 3, -2, 3};

        double[] clipped = Outline.clip(wide, 10, 10);

        for (int i = 0; i < clipped.length; i += 2) {
            assertThat(clipped[i]).isBetween(0.0, 10.0);
        }
        assertThat(area(clipped)).isEqualTo(20.0);
    }

    @Test
    void aRegionOffTheMatHasNoOutline() {
        assertThat(Outline.clip(new double[] {-5, -5, -1, -5, -1, -1, -5, -1}, 10, 10)).isEmpty();
    }

    private static double area(double[] p) {
        double a = 0;
        for (int i = 0; i < p.length; i += 2) {
            int j = (i + 2) % p.length;
            a += p[i] * p[j + 1] - p[j] * p[i + 1];
        }
        return Math.abs(a) / 2;
    }
}
