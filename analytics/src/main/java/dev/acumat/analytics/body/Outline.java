package dev.acumat.analytics.body;

import java.util.Arrays;

/** Clips a polygon to the mat (Sutherland-Hodgman), so a drawn region stops at the mat's edge. */
final class Outline {
    private Outline() {
    }

    /**
     * The part of a convex polygon {x0, y0, x1, y1, ...} inside [0, width] x [0, height]; an empty
     * array when none is.
     */
    static double[] clip(double[] polygon, double width, double height) {
        if (inside(polygon, width, height)) {
            // Each pass would keep every corner, in order, and add none: a copy.
            return polygon.clone();
        }
        double[] p = polygon;
        p = clip(p, 0, 0, 1);          // x >= 0
        p = clip(p, 0, width, -1);     // x <= width
        p = clip(p, 1, 0, 1);          // y >= 0
        return clip(p, 1, height, -1); // y <= height
    }

    /** Whether every corner passes all four of {@link #clip(double[], double, double)}'s tests. */
    private static boolean inside(double[] p, double width, double height) {
        for (int i = 0; i < p.length; i += 2) {
            if (!(p[i] >= 0 && width - p[i] >= 0 && p[i + 1] >= 0 && height - p[i + 1] >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the side where {@code sign * coordinate[axis] + offset >= 0}. */
    private static double[] clip(double[] p, int axis, double offset, double sign) {
        int n = p.length / 2;
        double[] out = new double[2 * (n + 4)];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double di = sign * p[2 * i + axis] + offset;
            double dj = sign * p[2 * j + axis] + offset;
            if (di >= 0) {
                out[m++] = p[2 * i];
                out[m++] = p[2 * i + 1];
            }
            if (di >= 0 != dj >= 0) {
                double t = di / (di - dj);
                out[m++] = p[2 * i] + t * (p[2 * j] - p[2 * i]);
                out[m++] = p[2 * i + 1] + t * (p[2 * j + 1] - p[2 * i + 1]);
            }
        }
        return Arrays.copyOf(out, m);
    }
}
