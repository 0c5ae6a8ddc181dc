package dev.acumat.analytics.body;

/**
 * The numbers the posture classifier looks at, in two sets.
 *
 * <p>{@link #shape} describes the contact without regard to side: it does not change when the
 * frame is mirrored across the mat, so it tells lying on the back, on the front, on a side,
 * sitting and standing apart. {@link #side} changes sign under mirroring (every entry is an
 * odd function of the lateral coordinate), so lying on the left and on the right differ only
 * in its sign and the classifier cannot favour one side. All of them are either ratios or
 * lengths in cm: pressure enters only after normalisation by its mean, so raw counts and kPa
 * give the same features.
 */
final class PostureFeatures {
    /** The hand-made shape features; the grid's even half follows them in {@link #SHAPE}. */
    private static final String[] SHAPE_NAMED = {
        "log_area",         // contact area, log of (cm2 / 1000)
        "length",           // contact length along the axis, m
        "width",            // contact width across the axis, m
        "sigma_v",          // lateral spread of the load, dm
        "log_aspect",       // log of lateral over longitudinal spread
        "log_concentration", // log of mean(p^2) / mean(p)^2: a sitting patch concentrates load
        "log_peak",         // log of peak over mean pressure
        "major_blobs",      // contacts carrying 10 % of the load each, up to 3 (two feet)
        "side_by_side",     // the two heaviest contacts lie side by side and share the load evenly
        "fill",             // contact area over length x width
        "abs_skew",         // |skewness| of the lateral load distribution
        "shoulder_central", // shoulder band's load share within 4 cm of the axis (one shoulder vs two scapulae)
        "pelvis_central",   // pelvis band's (one sacrum vs two iliac spines)
        "max_width",        // widest band's contact width in the trunk corridor, m
        "lumbar_gap",       // supine landmarks: load at the lumbar dip over the pelvis's (1 without)
        "landmarks",        // 1 when a shoulder and a pelvis band were found
        "top_share",        // load share of the upper third of the contact's length
        "bottom_share",     // load share of the lower third
        "abs_bend",         // |lateral bend|: ends of the contact off the middle's line, dm
        "abs_top_lean",     // |upper third's lateral centre relative to the middle's|, dm
        "abs_bottom_lean",  // |lower third's|, dm: knees drawn forward lying on a side
    };

    /** The hand-made side features; the grid's odd half follows them in {@link #SIDE}. */
    private static final String[] SIDE_NAMED = {
        "skew",             // skewness of the lateral load: arm and knees in front, back flat
        "offset",           // centre of pressure from the mat's centre line, dm
        "top_lean",         // upper third's lateral centre relative to the middle third's, dm
        "bottom_lean",      // lower third's (knees drawn forward) relative to the middle third's, dm
        "angle",            // body axis angle, 10 degrees
    };

    /** Grid cells a half holds: every band along, half the bands across (the other half mirrors them). */
    private static final int HALF = BodyShape.GRID_ALONG * (BodyShape.GRID_ACROSS / 2);

    /**
     * Names of the {@link #shape} entries, in order (the model file lists them to match): the
     * named features, then {@code grid_even_A_B}, the load share at band A along and B across
     * plus its mirror image's, halved (B from the outside in).
     */
    static final String[] SHAPE = withGrid(SHAPE_NAMED, "grid_even_");
    /** Names of the {@link #side} entries: the named ones, then {@code grid_odd_A_B}, the same share minus its mirror's, halved. */
    static final String[] SIDE = withGrid(SIDE_NAMED, "grid_odd_");

    final double[] shape = new double[SHAPE.length];
    final double[] side = new double[SIDE.length];

    /** Fills both sets from a measured shape and its landmarks. */
    void compute(BodyShape s, LowerBack back, double matWidthCm) {
        double length = s.uMax - s.uMin + s.binCm;
        double width = s.vMax - s.vMin + s.binCm;
        double[] f = shape;
        f[0] = Math.log(s.areaCm2 / 1000);
        f[1] = length / 100;
        f[2] = width / 100;
        f[3] = s.sigmaV / 10;
        f[4] = Math.log(Math.max(s.sigmaV, 0.5) / Math.max(s.sigmaU, 0.5));
        f[5] = Math.log(s.concentration);
        f[6] = Math.log(s.peak);
        f[7] = Math.min(3, s.majorBlobs);
        f[8] = sideBySide(s);
        f[9] = s.areaCm2 / (length * width);
        f[10] = Math.abs(s.skewV);
        f[11] = back.found ? back.shoulderCentral : s.profile.centralShare(0, s.profile.bins / 2);
        f[12] = back.found ? back.pelvisCentral : s.profile.centralShare(s.profile.bins / 2, s.profile.bins - 1);
        f[13] = back.maxWidthCm / 100;
        f[14] = back.found ? Math.min(1, back.gap) : 1;
        f[15] = back.found ? 1 : 0;
        f[16] = s.thirdShare[0];
        f[17] = s.thirdShare[2];
        double bend = s.thirdV[0] + s.thirdV[2] - 2 * s.thirdV[1];
        f[18] = Math.abs(bend) / 10;
        f[19] = Math.abs(s.thirdV[0] - s.thirdV[1]) / 10;
        f[20] = Math.abs(s.thirdV[2] - s.thirdV[1]) / 10;

        double[] g = side;
        g[0] = s.skewV;
        g[1] = (s.cx - matWidthCm / 2) / 10;
        g[2] = (s.thirdV[0] - s.thirdV[1]) / 10;
        g[3] = (s.thirdV[2] - s.thirdV[1]) / 10;
        g[4] = s.angleDeg / 10;
        grid(s, f, SHAPE_NAMED.length, g, SIDE_NAMED.length);
    }

    /**
     * The grid's even and odd halves: mirroring the frame swaps band B across with band
     * ACROSS - 1 - B, which leaves their sum alone and turns their difference round.
     */
    private static void grid(BodyShape s, double[] even, int e0, double[] odd, int o0) {
        int across = BodyShape.GRID_ACROSS;
        double scale = s.gridLoad > 0 ? 0.5 / s.gridLoad : 0;
        int k = 0;
        for (int a = 0; a < BodyShape.GRID_ALONG; a++) {
            for (int b = 0; b < across / 2; b++, k++) {
                double here = s.grid[a * across + b];
                double mirror = s.grid[a * across + across - 1 - b];
                even[e0 + k] = (here + mirror) * scale;
                odd[o0 + k] = (here - mirror) * scale;
            }
        }
    }

    private static String[] withGrid(String[] named, String prefix) {
        String[] out = java.util.Arrays.copyOf(named, named.length + HALF);
        int k = named.length;
        for (int a = 0; a < BodyShape.GRID_ALONG; a++) {
            for (int b = 0; b < BodyShape.GRID_ACROSS / 2; b++) {
                out[k++] = prefix + a + "_" + b;
            }
        }
        return out;
    }

    /** Two feet: the two heaviest contacts side by side (more across than along) with similar loads. */
    private static double sideBySide(BodyShape s) {
        double a = s.blobShare[0];
        double b = s.blobShare[1];
        if (b <= 0) {
            return 0;
        }
        double du = Math.abs(s.blobU[0] - s.blobU[1]);
        double dv = Math.abs(s.blobV[0] - s.blobV[1]);
        return dv > du ? b / a : 0;
    }
}
