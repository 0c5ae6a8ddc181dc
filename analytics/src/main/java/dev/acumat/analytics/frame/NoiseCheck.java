package dev.acumat.analytics.frame;

/**
 * Recognises a frame that is sensor noise rather than pressure: a scan that went wrong (the
 * PMD mat's second frame of every recording is one) fills much of the mat with values that
 * have nothing to do with their neighbours', often up to full scale. A body's pressure varies
 * smoothly from cell to cell, even where it is spiky; so a frame with a large contact whose
 * cells differ from the mean of their two neighbours, along the rows and along the columns,
 * by more than {@link #ROUGHNESS} of their own pressure on average, is noise. Measured on PMD:
 * its 64 noise frames score 0.54 to 0.63, its 5,066 valid frames at most 0.46 (two more, half
 * of whose cells are noise, 0.55 and 0.60); the bodies of PMD's second experiment, on air and
 * foam mattresses, up to 0.73, but none with a large contact.
 */
public final class NoiseCheck {
    /** A noise frame's contact covers at least this share of the mat (PMD's: 0.39 to 0.76). */
    public static final double MIN_CONTACT_RATIO = 0.35;
    public static final double ROUGHNESS = 0.5;

    private NoiseCheck() {
    }

    /** Whether a mapped frame is noise (see the class description). */
    public static boolean isNoise(PressureMap map, ContactMetrics metrics) {
        return metrics.contactRatio() >= MIN_CONTACT_RATIO && roughness(map) >= ROUGHNESS;
    }

    /**
     * Over the cells in contact, the mean absolute second difference of the pressure along the
     * rows and along the columns, over twice the mean pressure: 0 for a flat or linear field,
     * about 0.6 for independent uniform values.
     */
    public static double roughness(PressureMap map) {
        float[] p = map.pressures();
        int cols = map.cols();
        int rows = map.rows();
        // Over the contact's runs, in the order of the cells: only the cells in contact count.
        int runs = map.contactRuns();
        int[] starts = map.runStarts();
        int[] ends = map.runEnds();
        double diff = 0;
        double sum = 0;
        for (int n = 0; n < runs; n++) {
            int r = starts[n] / cols;
            int base = r * cols;
            boolean inner = r > 0 && r < rows - 1;
            for (int i = starts[n], end = ends[n]; i < end; i++) {
                int k = i - base;
                if (k > 0 && k < cols - 1) {
                    diff += Math.abs(2 * p[i] - p[i - 1] - p[i + 1]);
                    sum += 2 * p[i];
                }
                if (inner) {
                    diff += Math.abs(2 * p[i] - p[i - cols] - p[i + cols]);
                    sum += 2 * p[i];
                }
            }
        }
        return sum > 0 ? diff / sum : 0;
    }
}
