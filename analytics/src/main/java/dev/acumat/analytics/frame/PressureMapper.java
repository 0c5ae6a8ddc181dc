package dev.acumat.analytics.frame;

import java.util.Arrays;

/**
 * Raw counts to a {@link PressureMap}: calibrated pressure above the empty mat's baseline,
 * and contact where it reaches the threshold; the frame's {@link ContactMetrics} in the same
 * pass. Reuses its arrays from frame to frame, so a map it returns is valid until the next call.
 */
public final class PressureMapper {
    private final MatSpec spec;
    private final float[] pressure;
    private final boolean[] contact;
    private final PressureMap map;
    /** The baseline's pressure per cell: recomputed only when the baseline moves (empty frames). */
    private final float[] zero;
    /**
     * Per cell, the highest raw count whose pressure is not above the baseline's: a count at or
     * below it maps to no pressure, without the calibration's lookup. Most of a mat is not
     * pressed, so this is most of its cells.
     */
    private final int[] floor;
    private Baseline zeroOf;
    private long zeroGeneration;
    private ContactMetrics metrics;

    public PressureMapper(MatSpec spec) {
        this.spec = spec;
        this.pressure = new float[spec.cells()];
        this.contact = new boolean[spec.cells()];
        this.map = new PressureMap(spec, pressure, contact);
        this.zero = new float[spec.cells()];
        this.floor = new int[spec.cells()];
    }

    public MatSpec spec() {
        return spec;
    }

    /**
     * Maps one frame's raw values (row-major) against {@code baseline}, and measures its
     * contact (see {@link #contactMetrics()}).
     */
    public PressureMap map(int[] raw, Baseline baseline) {
        Calibration cal = spec.calibration();
        float threshold = cal.contactThreshold();
        float[] zero = zeroFor(baseline, cal);
        int[] floor = this.floor;
        float[] p = pressure;
        boolean[] c = contact;
        int cols = spec.cols();
        if (raw.length != p.length) {
            throw new IllegalArgumentException("a " + spec.rows() + " x " + spec.cols() + " mat has " + p.length
                    + " cells, the frame " + raw.length);
        }
        // Unpressed cells are left at zero by these fills and skipped below.
        Arrays.fill(p, 0f);
        Arrays.fill(c, false);
        // ContactMetrics.of's sums in its order: cells without pressure add exact zeros there,
        // so leaving them out changes no bit of the result.
        int contactCells = 0;
        double sum = 0;
        double contactSum = 0;
        double sx = 0;
        double sy = 0;
        float peak = 0;
        float[] colX = map.colCentres();
        int runs = 0;
        for (int base = 0, r = 0; base < p.length; base += cols, r++) {
            double rowSum = 0;
            double rowX = 0;
            int open = -1;  // the first cell of the contact run this cell would extend
            // The open run's sums, as PressureMap#contactRuns defines them.
            double load = 0;
            double loadX = 0;
            double loadXX = 0;
            double loadSq = 0;
            float top = 0;
            for (int i = base, end = base + cols; i < end; i++) {
                int count = raw[i];
                if (count > floor[i]) {
                    // Past the floor the curve is above the baseline's pressure (Calibration.floorOf): v > 0.
                    float v = cal.pressure(count) - zero[i];
                    p[i] = v;
                    rowSum += v;
                    rowX += v * (i - base + 0.5);
                    if (v >= threshold) {
                        c[i] = true;
                        contactCells++;
                        contactSum += v;
                        peak = Math.max(peak, v);
                        open = open >= 0 ? open : i;
                        double dv = v;
                        double vx = dv * colX[i - base];
                        load += dv;
                        loadX += vx;
                        loadXX += vx * colX[i - base];
                        loadSq += dv * dv;
                        top = v > top ? v : top;
                        continue;
                    }
                }
                if (open >= 0) {
                    map.mappedRun(runs++, open, i, load, loadX, loadXX, loadSq, top);
                    open = -1;
                    load = 0;
                    loadX = 0;
                    loadXX = 0;
                    loadSq = 0;
                    top = 0;
                }
            }
            if (open >= 0) {
                map.mappedRun(runs++, open, base + cols, load, loadX, loadXX, loadSq, top);
            }
            sum += rowSum;
            sx += rowX;
            sy += rowSum * (r + 0.5);
        }
        map.mappedRuns(runs);
        metrics = ContactMetrics.of(spec, p.length, contactCells, contactSum, peak, sum, sx, sy);
        return map;
    }

    /** The contact metrics of the frame last mapped, as {@link ContactMetrics#of(PressureMap)} gives them. */
    public ContactMetrics contactMetrics() {
        if (metrics == null) {
            throw new IllegalStateException("no frame mapped yet");
        }
        return metrics;
    }

    private float[] zeroFor(Baseline baseline, Calibration cal) {
        if (baseline != zeroOf || baseline.generation() != zeroGeneration) {
            for (int i = 0; i < zero.length; i++) {
                int at = Math.round(baseline.at(i));
                zero[i] = cal.pressure(at);
                floor[i] = cal.floorOf(at);
            }
            zeroOf = baseline;
            zeroGeneration = baseline.generation();
        }
        return zero;
    }
}
