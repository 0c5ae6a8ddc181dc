package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;

/**
 * The landmarks of a supine trunk on the load profile along the body axis, and the lumbar
 * region between them.
 *
 * <p>Lying supine, the trunk rests on two bony bands: the scapulae with the upper ribs, and the
 * pelvis (sacrum and buttocks). They are the two heaviest wide bands of the profile, 28 to
 * 70 cm apart; the upper one is the shoulders because row 0 is the head end. The shoulder
 * landmark is the load centre of the top 20 cm of the trunk, the pelvis landmark the load
 * centre around the pelvic peak. The lumbar spine lies between them, from the lower ribs (L1)
 * to L5/S1, at fixed shares of the distance between the landmarks. With the segment
 * proportions of Drillis and Contini (Winter) the landmarks lie about 0.76 H and 0.50 H above
 * the soles, the lower ribs 0.65 H and L5/S1 0.57 H, which puts L1 at 0.42 and L5/S1 at 0.73 of
 * the way; the shares below were fitted on the simulator's body model, built from the same
 * tables, for people of 155 to 196 cm. Only the two landmarks are needed, so it works on a mat
 * that shows the trunk alone (shoulders at the top edge, buttocks at the bottom edge) as on one
 * that shows the whole body. The region is as wide as the trunk's contact at the pelvis,
 * narrowed to the waist, and turns with the body.
 */
final class LowerBack {
    /** Lumbar top (L1, lower ribs) as a share of the way from the shoulder to the pelvis landmark. */
    static final double TOP = 0.41;
    /** Lumbar bottom (L5/S1) as a share of the same way. */
    static final double BOTTOM = 0.715;
    /**
     * Lumbar width as a share of the pelvis's contact width: the buttocks are wider than the
     * waist (0.9 gives the simulator's 28 cm lumbar band for its reference adult).
     */
    static final double WIDTH_OF_PELVIS = 0.9;
    /** Shoulder-to-pelvis distances outside this range are not a supine trunk (cm). */
    static final double MIN_SPAN_CM = 28;
    static final double MAX_SPAN_CM = 70;
    /** A trunk band is at least this share of the widest band's contact width. */
    static final double WIDE = 0.5;
    /** The shoulder landmark is the load centre of this much trunk below its top edge (cm). */
    static final double UPPER_TRUNK_CM = 20;
    /** Landmarks are refined as the load centroid within this distance of the profile's peak. */
    static final double REFINE_CM = 7;
    /** Less than this share of the region on the mat, and the lower back is not on it. */
    static final double MIN_ON_MAT = 0.5;

    boolean found;
    double shoulderU;
    double pelvisU;
    double shoulderV;
    double pelvisV;
    double shoulderWidthCm;
    double pelvisWidthCm;
    /** Share of the shoulder and pelvis bands' load near the axis (see {@link AxisProfile#centralShare}). */
    double shoulderCentral;
    double pelvisCentral;
    /** The widest band's contact width, cm (found or not). */
    double maxWidthCm;
    /** Smoothed load at its lowest between the landmarks over the lower landmark's load, 0..1. */
    double gap;
    private double[] widths = new double[0];
    /**
     * The region's cells, reused from frame to frame like the pressure map (a new array a frame
     * was a tenth of a 64 x 32 frame's time); cells set last time lie in [cellsFirst, cellsLast].
     */
    private boolean[] cells = new boolean[0];
    private int cellsFirst;
    private int cellsLast = -1;
    /** What {@link #loadCentre} found last. */
    private double centreU;
    private double centreV;

    /** Finds the shoulder and pelvis bands; false when there are not two that fit a trunk. */
    boolean locate(BodyShape s) {
        found = false;
        gap = 1;
        int n = s.profile.bins;
        double[] bandWidth = bandWidths(s);
        double maxWidth = 0;
        for (int k = 0; k < n; k++) {
            maxWidth = Math.max(maxWidth, bandWidth[k]);
        }
        maxWidthCm = maxWidth;
        int m = -1;
        for (int k = 0; k < n; k++) {
            if (candidate(s, k, bandWidth, maxWidth) && (m < 0 || s.profile.smooth[k] > s.profile.smooth[m])) {
                m = k;
            }
        }
        if (m < 0) {
            return false;
        }
        int m2 = -1;
        for (int k = 0; k < n; k++) {
            double d = Math.abs(k - m) * s.binCm;
            if (d >= MIN_SPAN_CM && d <= MAX_SPAN_CM && candidate(s, k, bandWidth, maxWidth)
                    && (m2 < 0 || s.profile.smooth[k] > s.profile.smooth[m2])) {
                m2 = k;
            }
        }
        if (m2 < 0) {
            return false;
        }
        int top = Math.min(m, m2);
        int bottom = Math.max(m, m2);
        double low = Double.POSITIVE_INFINITY;
        for (int k = top; k <= bottom; k++) {
            low = Math.min(low, s.profile.smooth[k]);
        }
        gap = low / Math.min(s.profile.smooth[top], s.profile.smooth[bottom]);
        // The shoulder landmark is the load centre of the upper trunk, from where the trunk's
        // contact becomes wide below the neck (walking up from the upper peak, so raised arms
        // beside the head do not count): a flat upper back has no clear scapular peak, but it
        // always has a top edge.
        int first = top;
        while (first > 0 && bandWidth[first - 1] >= WIDE * maxWidth) {
            first--;
        }
        int last = Math.min(bottom, first + (int) Math.round(UPPER_TRUNK_CM / s.binCm));
        if (!(loadCentre(s, first, last - 1) > 0)) {
            return false;
        }
        shoulderU = centreU;
        shoulderV = centreV;
        int h = (int) Math.round(REFINE_CM / s.binCm);
        boolean pelvisLoaded = loadCentre(s, Math.max(0, bottom - h), Math.min(s.profile.bins - 1, bottom + h)) > 0;
        pelvisU = pelvisLoaded ? centreU : s.profile.binU(bottom);
        pelvisV = pelvisLoaded ? centreV : 0;
        if (pelvisU - shoulderU < MIN_SPAN_CM || pelvisU - shoulderU > MAX_SPAN_CM) {
            return false;
        }
        int shoulderBin = s.profile.bin(shoulderU);
        shoulderWidthCm = meanWidth(s, shoulderBin);
        pelvisWidthCm = meanWidth(s, bottom);
        shoulderCentral = s.profile.centralShare(shoulderBin - h, shoulderBin + h);
        pelvisCentral = s.profile.centralShare(bottom - h, bottom + h);
        found = true;
        return true;
    }

    /** A local maximum of the smoothed profile (edges count: a band cut by the mat's edge) on a wide band. */
    private static boolean candidate(BodyShape s, int k, double[] bandWidth, double maxWidth) {
        double[] p = s.profile.smooth;
        boolean peak = (k == 0 || p[k] >= p[k - 1]) && (k == s.profile.bins - 1 || p[k] >= p[k + 1]);
        return peak && p[k] > 0 && bandWidth[k] >= WIDE * maxWidth;
    }

    /**
     * Contact width around each bin, over three bins so a single sparse row does not decide;
     * into a buffer kept for the next frame.
     */
    private double[] bandWidths(BodyShape s) {
        int bins = s.profile.bins;
        if (widths.length < bins) {
            widths = new double[s.profile.load.length];
        }
        for (int k = 0; k < bins; k++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, k - 1); j <= Math.min(bins - 1, k + 1); j++) {
                sum += s.profile.widthCm(j);
                n++;
            }
            widths[k] = sum / n;
        }
        return widths;
    }

    private static double meanWidth(BodyShape s, int k) {
        int h = (int) Math.round(REFINE_CM / 2 / s.binCm);
        double sum = 0;
        int n = 0;
        for (int j = Math.max(0, k - h); j <= Math.min(s.profile.bins - 1, k + h); j++) {
            sum += s.profile.widthCm(j);
            n++;
        }
        return sum / n;
    }

    /**
     * The load centre of the bands {@code from} to {@code to}: sets {@link #centreU} (along the
     * axis) and {@link #centreV} (across), and returns their load; without load the centre is
     * not a number.
     */
    private double loadCentre(BodyShape s, int from, int to) {
        double sw = 0;
        double su = 0;
        double sv = 0;
        for (int j = from; j <= to; j++) {
            sw += s.profile.load[j];
            su += s.profile.load[j] * s.profile.binU(j);
            sv += s.profile.vSum[j];
        }
        centreU = su / sw;
        centreV = sv / sw;
        return sw;
    }

    /** The cells buffer for a mat of {@code n} cells, cleared of the last frame's region. */
    private boolean[] cellsFor(int n) {
        if (cells.length != n) {
            cells = new boolean[n];
        } else if (cellsLast >= cellsFirst) {
            java.util.Arrays.fill(cells, cellsFirst, cellsLast + 1, false);
        }
        cellsLast = -1;
        return cells;
    }

    /**
     * The lumbar region on this frame, or null when too little of it lies on the mat. Its cells
     * are this instance's buffer: valid until the next frame, as the map is.
     */
    LowerBackRegion region(BodyShape s, PressureMap map) {
        double span = pelvisU - shoulderU;
        double u0 = shoulderU + TOP * span;
        double u1 = shoulderU + BOTTOM * span;
        double vc = (shoulderV + pelvisV) / 2;
        double half = WIDTH_OF_PELVIS * pelvisWidthCm / 2;
        double[] corners = {
            s.x(u0, vc - half), s.y(u0, vc - half), s.x(u0, vc + half), s.y(u0, vc + half),
            s.x(u1, vc + half), s.y(u1, vc + half), s.x(u1, vc - half), s.y(u1, vc - half),
        };
        int c0 = Integer.MAX_VALUE;
        int c1 = Integer.MIN_VALUE;
        int r0 = Integer.MAX_VALUE;
        int r1 = Integer.MIN_VALUE;
        for (int i = 0; i < 8; i += 2) {
            c0 = Math.min(c0, (int) Math.floor(corners[i] / s.colCm));
            c1 = Math.max(c1, (int) Math.floor(corners[i] / s.colCm));
            r0 = Math.min(r0, (int) Math.floor(corners[i + 1] / s.rowCm));
            r1 = Math.max(r1, (int) Math.floor(corners[i + 1] / s.rowCm));
        }
        boolean[] contact = map.contacts();
        boolean[] cells = cellsFor(contact.length);
        int inside = 0;
        int touching = 0;
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int r = Math.max(0, r0); r <= Math.min(s.rows - 1, r1); r++) {
            double dy = (r + 0.5) * s.rowCm - s.cy;
            // The row's share of u and v, once a row.
            double cosDy = s.cos * dy;
            double sinDy = s.sin * dy;
            boolean entered = false;
            for (int c = Math.max(0, c0); c <= Math.min(s.cols - 1, c1); c++) {
                double dx = (c + 0.5) * s.colCm - s.cx;
                double cu = -s.sin * dx + cosDy;
                double cv = s.cos * dx + sinDy;
                if (cu >= u0 && cu <= u1 && Math.abs(cv - vc) <= half) {
                    int i = r * s.cols + c;
                    cells[i] = true;
                    inside++;
                    touching += contact[i] ? 1 : 0;
                    first = Math.min(first, i);
                    last = i;
                    entered = true;
                } else if (entered) {
                    // Every step above is correctly rounded, so cu and cv never turn back along
                    // a row: the cells inside are one stretch, and none follow it.
                    break;
                }
            }
        }
        cellsFirst = first;
        cellsLast = last;
        double nominal = (u1 - u0) * 2 * half / s.cellCm2;
        if (inside == 0 || inside < MIN_ON_MAT * nominal) {
            return null;
        }
        double[] outline = Outline.clip(corners, s.cols * s.colCm, s.rows * s.rowCm);
        return new LowerBackRegion(cells, inside, touching, (double) touching / inside, outline);
    }
}
