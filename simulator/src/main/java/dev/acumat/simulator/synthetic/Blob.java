package dev.acumat.simulator.synthetic;

/**
 * One compact patch of contact pressure: an elliptic bump that is exactly zero outside its
 * ellipse, so contact areas have edges (a gaussian's tails would put every cell in contact).
 * Bony prominences use the peaked kernel (1 - d^2)^2, soft tissue the flat-topped
 * (1 - d^4)^1.5. The blob carries a share of body weight rather than a peak pressure, so the
 * total force of a posture is its weight whatever the sizes; the peak follows from the area.
 *
 * @param layer  0 base, 1 breathing modulation, 2 auxiliary (lumbar or weight shift)
 * @param x      centre, world cm (reference body)
 * @param y      centre, world cm (reference body)
 * @param a      semi-axis across (before rotation), cm
 * @param b      semi-axis along (before rotation), cm
 * @param angleDeg rotation of the b axis towards +x going down the body, degrees
 * @param share  share of body weight carried (may be negative in modulation layers)
 * @param flat   flat-topped soft-tissue kernel rather than a peaked bony one
 */
record Blob(int layer, double x, double y, double a, double b, double angleDeg, double share, boolean flat) {

    /** The kernel at a point, 0..1. */
    double unit(double px, double py) {
        double rad = Math.toRadians(angleDeg);
        double cos = Math.cos(rad);
        double sin = Math.sin(rad);
        double dx = px - x;
        double dy = py - y;
        double u = (dx * cos - dy * sin) / a;
        double v = (dx * sin + dy * cos) / b;
        double d2 = u * u + v * v;
        if (d2 >= 1) {
            return 0;
        }
        if (flat) {
            double f = 1 - d2 * d2;
            return f * Math.sqrt(f);
        }
        double f = 1 - d2;
        return f * f;
    }

    /** Radius of a circle that holds the blob whatever its angle. */
    double reach() {
        return Math.max(a, b);
    }

    /** The same blob mirrored across the midline (x to -x). */
    Blob mirrored() {
        return new Blob(layer, -x, y, a, b, -angleDeg, share, flat);
    }

    /** The blob in another layer with another share. */
    Blob as(int newLayer, double newShare) {
        return new Blob(newLayer, x, y, a, b, angleDeg, newShare, flat);
    }

    /** Scaled to a body: positions by length (see {@link Body#scaleY}), soft widths by length and girth. */
    Blob scaled(Body body) {
        double ls = body.lengthScale();
        double ws = body.widthScale();
        return new Blob(layer, x * ls, body.scaleY(y), a * ls * ws, b * ls * Math.sqrt(ws), angleDeg, share, flat);
    }
}
