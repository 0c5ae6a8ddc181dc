package dev.acumat.analytics.frame;

import java.util.Arrays;

/**
 * Raw counts to a {@link PressureMap}: calibrated pressure above the empty mat's baseline,
 * and contact where it reaches the threshold; the frame's {@link ContactMetrics} in the same
 * pass. Reuses its arrays from frame to frame, so a map it returns is valid until the next call.
 */
public final class PressureMapper {
    /** Raw values are unsigned 16-bit: no count above this maps to more than it does. */
    private static final int MAX_RAW = 0xFFFF;

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
    /** Whether the calibration never falls as counts rise, which {@link #floor} relies on. */
    private final boolean rising;
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
        this.rising = rises(spec.calibration());
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
                float v;
                if (count > floor[i] && (v = cal.pressure(count) - zero[i]) > 0) {
                    // (v <= 0 past the floor only when the calibration is not known to rise)
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
                floor[i] = rising ? floor(cal, at, zero[i]) : Integer.MIN_VALUE;
            }
            zeroOf = baseline;
            zeroGeneration = baseline.generation();
        }
        return zero;
    }

    /**
     * The highest count whose pressure is at most {@code zero}, the pressure of count {@code at}:
     * a rising calibration is above it from there on. Usually the next count is already above;
     * where the curve is flat (below its first point, above the ADC's range), doubling steps and
     * then halving them find the end of the flat part.
     */
    private static int floor(Calibration cal, int at, float zero) {
        int lo = Math.max(at, 0);
        if (lo >= MAX_RAW) {
            return cal.pressure(MAX_RAW) <= zero ? Integer.MAX_VALUE : lo;
        }
        int step = 1;
        int hi = lo + 1;
        while (cal.pressure(hi) <= zero) {
            if (hi >= MAX_RAW) {
                return Integer.MAX_VALUE;  // flat to the end: nothing is ever above it
            }
            lo = hi;
            step *= 2;
            hi = Math.min(MAX_RAW, lo + step);
        }
        // pressure(lo) <= zero < pressure(hi)
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cal.pressure(mid) <= zero) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether pressure never falls as the count rises over the raw range (true of every calibration made now). */
    private static boolean rises(Calibration cal) {
        float prev = cal.pressure(Integer.MIN_VALUE);
        for (int r = 0; r <= MAX_RAW + 1; r++) {
            float v = cal.pressure(r);
            if (!(v >= prev)) {
                return false;
            }
            prev = v;
        }
        return cal.pressure(Integer.MAX_VALUE) >= prev;
    }
}
