package dev.acumat.analytics.body;

/**
 * The load along the body axis in bands one cell pitch long, counted inside the trunk
 * corridor (arms lie outside it): how much load, how many cells, their lateral centre and the
 * share near the axis, and the load smoothed. The landmarks are read off it.
 */
final class AxisProfile {
    /**
     * Half-width of the trunk corridor. Supine arms lie beside the trunk about 27 cm from the
     * midline (shoulder breadth 0.26 H, Drillis and Contini); they would otherwise add to the
     * shoulder and lumbar bands.
     */
    static final double CORRIDOR_CM = 22;
    /** Half-width of the strip along the axis whose load {@link #central} holds per band. */
    static final double CENTRAL_CM = 4;
    /** Smoothing half-width: below the size of the bands sought (scapulae, pelvis ~20 cm). */
    static final double SMOOTH_CM = 6;

    final double binCm;
    final double cellCm2;
    final double[] load;
    final double[] smooth;
    final int[] count;
    /** Per band, the sum of weight x v: the band's lateral centre times its load. */
    final double[] vSum;
    final double[] central;
    /** Bands in use, from the contact's upper end. */
    int bins;
    private double uMin;

    AxisProfile(int rows, int cols, double rowCm, double colCm) {
        binCm = Math.min(rowCm, colCm);
        cellCm2 = rowCm * colCm;
        int most = (int) Math.ceil(Math.hypot(rows * rowCm, cols * colCm) / binCm) + 2;
        load = new double[most];
        smooth = new double[most];
        count = new int[most];
        vSum = new double[most];
        central = new double[most];
    }

    /** Starts a frame whose contact spans u from {@code from} to {@code to}. */
    void reset(double from, double to) {
        uMin = from;
        bins = Math.min(load.length, (int) ((to - from) / binCm) + 1);
        java.util.Arrays.fill(load, 0, bins, 0);
        java.util.Arrays.fill(count, 0, bins, 0);
        java.util.Arrays.fill(vSum, 0, bins, 0);
        java.util.Arrays.fill(central, 0, bins, 0);
    }

    /** Adds cells to band k (a negative k adds nothing). */
    void add(int k, double bandLoad, int cells, double bandV, double bandCentral) {
        if (k >= 0) {
            load[k] += bandLoad;
            count[k] += cells;
            vSum[k] += bandV;
            central[k] += bandCentral;
        }
    }

    /** Smooths the load with a triangle, so that single rows of a band do not make peaks. */
    void smooth() {
        int h = Math.max(1, (int) Math.round(SMOOTH_CM / binCm));
        int last = bins - 1;
        for (int k = 0; k < bins; k++) {
            double s = 0;
            double ws = 0;
            for (int j = Math.max(0, k - h), end = Math.min(last, k + h); j <= end; j++) {
                double kw = h + 1 - Math.abs(j - k);
                s += kw * load[j];
                ws += kw;
            }
            smooth[k] = s / ws;
        }
    }

    /** The body coordinate u of the centre of band k. */
    double binU(int k) {
        return uMin + (k + 0.5) * binCm;
    }

    /** The band holding body coordinate u. */
    int bin(double u) {
        return (int) ((u - uMin) / binCm);
    }

    /** Filled contact width of band k, cm. */
    double widthCm(int k) {
        return count[k] * cellCm2 / binCm;
    }

    /**
     * Share of the load within {@link #CENTRAL_CM} of the axis over bands k0 to k1 (inclusive):
     * low over two scapulae or two iliac spines, high over a sacrum or one shoulder.
     */
    double centralShare(int k0, int k1) {
        double c = 0;
        double l = 0;
        for (int k = Math.max(0, k0); k <= Math.min(bins - 1, k1); k++) {
            c += central[k];
            l += load[k];
        }
        return l > 0 ? c / l : 0;
    }
}
