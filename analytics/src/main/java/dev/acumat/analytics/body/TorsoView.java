package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import java.util.SplittableRandom;

/**
 * What the 70 x 44 cm acupressure mat (32 x 20 cells at 22 mm) would see of a person lying on
 * a bed-size mat: the pressure under a window that begins 25 cm below the top of the contact
 * (the head rests above the mat) and is centred across on the centre of pressure, each placed
 * up to 10 cm along and 7 cm across off that, as people place themselves; resampled
 * bilinearly. It lets the torso model learn from real bodies, of which there are recordings
 * on bed mats only. Not thread-safe: the view is reused by the next call.
 */
final class TorsoView {
    static final int ROWS = 32;
    static final int COLS = 20;
    static final double PITCH_CM = 2.2;
    static final double BELOW_TOP_CM = 25;
    static final double ALONG_CM = 10;
    static final double ACROSS_CM = 7;

    private final SplittableRandom random;
    private MatSpec spec;
    private PressureMap view;

    TorsoView(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The torso window of a whole-body map, or null when the map has no contact. */
    PressureMap of(PressureMap map) {
        int rows = map.rows();
        int cols = map.cols();
        double rowCm = map.spec().rowPitchCm();
        double colCm = map.spec().colPitchCm();
        float[] p = map.pressures();
        boolean[] c = map.contacts();
        int top = -1;
        double sx = 0;
        double sw = 0;
        for (int r = 0; r < rows; r++) {
            int n = 0;
            for (int k = 0; k < cols; k++) {
                if (c[r * cols + k]) {
                    n++;
                    sx += p[r * cols + k] * (k + 0.5) * colCm;
                    sw += p[r * cols + k];
                }
            }
            if (top < 0 && n >= 2) {
                top = r;
            }
        }
        if (top < 0 || !(sw > 0)) {
            return null;
        }
        if (spec == null || spec.calibration() != map.spec().calibration()) {
            spec = new MatSpec(map.spec().matId(), ROWS, COLS, PITCH_CM, PITCH_CM, map.spec().calibration());
            view = new PressureMap(spec, new float[spec.cells()], new boolean[spec.cells()]);
        }
        double y0 = top * rowCm + BELOW_TOP_CM + random.nextDouble(-ALONG_CM, ALONG_CM);
        double x0 = sx / sw - COLS * PITCH_CM / 2 + random.nextDouble(-ACROSS_CM, ACROSS_CM);
        float threshold = spec.calibration().contactThreshold();
        float[] out = view.pressures();
        boolean[] contact = view.contacts();
        for (int r = 0; r < ROWS; r++) {
            double y = (y0 + (r + 0.5) * PITCH_CM) / rowCm - 0.5;
            int r0 = (int) Math.floor(y);
            double fy = y - r0;
            for (int k = 0; k < COLS; k++) {
                double x = (x0 + (k + 0.5) * PITCH_CM) / colCm - 0.5;
                int k0 = (int) Math.floor(x);
                double fx = x - k0;
                double v = 0;
                for (int a = 0; a < 2; a++) {
                    int rr = r0 + a;
                    if (rr < 0 || rr >= rows) {
                        continue;
                    }
                    for (int b = 0; b < 2; b++) {
                        int kk = k0 + b;
                        if (kk >= 0 && kk < cols) {
                            v += p[rr * cols + kk] * (a == 0 ? 1 - fy : fy) * (b == 0 ? 1 - fx : fx);
                        }
                    }
                }
                out[r * COLS + k] = (float) v;
                contact[r * COLS + k] = v >= threshold;
            }
        }
        return view;
    }
}
