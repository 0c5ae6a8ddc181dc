package dev.acumat.simulator.synthetic;

import java.util.SplittableRandom;

/**
 * The per-mat random state of the sensor: noise generator, baseline drift, stuck cells and the
 * topper's map. Drift is a common slow wave plus a slow wave per cell with its own amplitude,
 * period and phase; most cells drift a few counts, a few "hot" cells up to the maximum, as worn
 * or badly laminated FSRs do. It is recomputed once per second of device time, which is far
 * faster than it changes.
 *
 * <p>Each part draws from a stream of its own derived from the seed, so stuck cells and a topper
 * change neither the drift nor the noise drawn for any cell, and stuck cells leave every other
 * cell's reading exactly as it is without them.
 */
final class SensorState {
    private static final double COMMON_SHARE = 0.25;
    private static final double TWO_PI = 2 * Math.PI;
    /** Standard deviation of a sum of four 16-bit uniforms: 65536 / sqrt(3). */
    private static final double IRWIN_HALL_SD = 65536 / Math.sqrt(3);
    private static final double IRWIN_HALL_MEAN = 2 * 65535.0;

    private static final long STUCK_SALT = 0x57AC4CE11L;
    private static final long TOPPER_SALT = 0x70BBE4L;
    private static final long FLICKER_SALT = 0xF11C4E4L;
    /** Every third stuck cell is shorted (full scale); the others are crushed to a reading in this range. */
    private static final int STUCK_FULL_SCALE_EVERY = 3;
    private static final int STUCK_LOW = 600;
    private static final int STUCK_HIGH = 4000;
    /** The topper's map: correlation exp(-d²/2l²) with l = 8 cm, half at 9.4 cm, 4 % at 20 cm. */
    static final double TOPPER_CORRELATION_CM = 8;
    /**
     * Standard deviation of the log of the topper's pressure: 12 % from place to place, so that
     * 0.6 kPa puts 3 to 26 % of the acupressure mat's cells above 5 mmHg, as real ones put 0 to 20 %.
     */
    static final double TOPPER_SPREAD = 0.12;
    /**
     * Frame-to-frame flicker of the topper's pressure, a share of it: a stand-in for an FSR's
     * erratic response to a light load, which only a few contact points between its layers carry.
     */
    static final double TOPPER_FLICKER = 0.03;
    /** Plane waves summed for the topper's random field; 64 make its values gaussian to the eye. */
    private static final int TOPPER_WAVES = 64;

    private final SensorModel sensor;
    private final long seed;
    private final int cells;
    private final int framesPerUpdate;
    private final double hz;
    private final double[] amplitude;
    private final double[] omega;
    private final double[] phase;
    private final double commonAmplitude;
    private final double commonOmega;
    private final double commonPhase;
    private final float[] drift;
    /** Per cell the stuck reading, or -1; null when no cell is stuck. */
    private final int[] stuck;
    /** Per cell the topper's mean pressure in kPa; null without a topper. */
    private final float[] topper;
    private SplittableRandom noise;
    private SplittableRandom flicker;

    SensorState(SensorModel sensor, MatGeometry geometry, double hz, long seed) {
        this.sensor = sensor;
        this.seed = seed;
        this.cells = geometry.cells();
        this.hz = hz;
        this.framesPerUpdate = (int) Math.max(1, Math.round(hz));
        // Drift is drawn from its own stream so it does not depend on how much noise was used.
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double cellMax = sensor.driftCounts() * (1 - COMMON_SHARE);
        amplitude = new double[cells];
        omega = new double[cells];
        phase = new double[cells];
        for (int i = 0; i < cells; i++) {
            double u = r.nextDouble();
            amplitude[i] = cellMax * u * u * u;
            omega[i] = TWO_PI / (120 + 480 * r.nextDouble());
            phase[i] = TWO_PI * r.nextDouble();
        }
        commonAmplitude = sensor.driftCounts() * COMMON_SHARE;
        commonOmega = TWO_PI / (300 + 600 * r.nextDouble());
        commonPhase = TWO_PI * r.nextDouble();
        drift = new float[cells];
        stuck = sensor.stuckShare() > 0 ? stuckReadings(sensor.stuckShare(), cells, seed) : null;
        topper = sensor.topperKpa() > 0 ? topperMap(sensor.topperKpa(), geometry, seed) : null;
        rewind();
    }

    void rewind() {
        noise = new SplittableRandom(seed);
        flicker = new SplittableRandom(seed ^ FLICKER_SALT);
    }

    /** Turns the pressures of frame {@code frame} into counts as the firmware would send them. */
    void digitise(float[] kPa, long frame, int[] out) {
        if (frame % framesPerUpdate == 0) {
            updateDrift(frame / hz);
        }
        double half = sensor.halfScaleKpa();
        double sigma = sensor.noiseCounts();
        double share = sensor.noiseShare();
        boolean noisy = sigma > 0 || share > 0;
        int deadband = sensor.deadband();
        int max = SensorModel.MAX_RAW;
        float[] topper = this.topper;
        int[] stuck = this.stuck;
        for (int i = 0; i < cells; i++) {
            double p = kPa[i];
            if (topper != null) {
                p += noisy ? topper[i] * (1 + TOPPER_FLICKER * gaussian(flicker.nextLong())) : topper[i];
            }
            double signal = p > 0 ? max * p / (p + half) : 0;
            double raw = signal + drift[i];
            if (noisy) {
                raw += (sigma + share * signal) * gaussian(noise.nextLong());
            }
            int v = (int) Math.round(raw);
            if (v > max) {
                v = max;
            }
            out[i] = v <= deadband ? 0 : v;
            // Replaced only after its noise was drawn, so the cells after it get the noise they would get anyway.
            if (stuck != null && stuck[i] >= 0) {
                out[i] = stuck[i];
            }
        }
    }

    /** The current baseline of a cell in counts, for tests and documentation. */
    double driftOf(int cell) {
        return drift[cell];
    }

    /** The constant reading of a stuck cell, or -1 when the cell works. */
    int stuckOf(int cell) {
        return stuck == null ? -1 : stuck[cell];
    }

    /** The topper's mean pressure on a cell in kPa, 0 without a topper. */
    double topperOf(int cell) {
        return topper == null ? 0 : topper[cell];
    }

    /**
     * Chooses round(share x cells) cells (at least one) and their readings. The k-th choice
     * draws the same numbers whatever the share, so a larger share keeps a smaller one's cells
     * and readings and only adds to them.
     */
    static int[] stuckReadings(double share, int cells, long seed) {
        int n = (int) Math.max(1, Math.min(cells, Math.round(share * cells)));
        int[] order = new int[cells];
        int[] value = new int[cells];
        for (int i = 0; i < cells; i++) {
            order[i] = i;
            value[i] = -1;
        }
        SplittableRandom r = new SplittableRandom(seed ^ STUCK_SALT);
        for (int k = 0; k < n; k++) {
            int j = k + r.nextInt(cells - k);
            int cell = order[j];
            order[j] = order[k];
            order[k] = cell;
            int crushed = STUCK_LOW + r.nextInt(STUCK_HIGH - STUCK_LOW + 1);
            value[cell] = k % STUCK_FULL_SCALE_EVERY == 0 ? SensorModel.MAX_RAW : crushed;
        }
        return value;
    }

    /**
     * The topper's pressure per cell: a log-normal random field with mean exactly {@code meanKpa}
     * over the mat. Its logarithm is a stationary gaussian field made of random plane waves
     * (wave vectors drawn from a gaussian, so the correlation is gaussian in distance), sampled at
     * the cell centres in mat centimetres, so it looks the same on any grid.
     */
    static float[] topperMap(double meanKpa, MatGeometry g, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ TOPPER_SALT);
        double[] kx = new double[TOPPER_WAVES];
        double[] ky = new double[TOPPER_WAVES];
        double[] phase = new double[TOPPER_WAVES];
        for (int j = 0; j < TOPPER_WAVES; j++) {
            kx[j] = standardNormal(r) / TOPPER_CORRELATION_CM;
            ky[j] = standardNormal(r) / TOPPER_CORRELATION_CM;
            phase[j] = TWO_PI * r.nextDouble();
        }
        double amplitude = Math.sqrt(2.0 / TOPPER_WAVES);
        double[] w = new double[g.cells()];
        double sum = 0;
        for (int row = 0; row < g.rows(); row++) {
            double y = (row + 0.5) * g.rowPitchMm() / 10;
            for (int col = 0; col < g.cols(); col++) {
                double x = (col + 0.5) * g.colPitchMm() / 10;
                double field = 0;
                for (int j = 0; j < TOPPER_WAVES; j++) {
                    field += Math.cos(kx[j] * x + ky[j] * y + phase[j]);
                }
                double v = Math.exp(TOPPER_SPREAD * amplitude * field);
                w[row * g.cols() + col] = v;
                sum += v;
            }
        }
        // Scaled on this mat rather than in expectation: a few patches fit on a mat, and their
        // average would otherwise miss the asked pressure by several percent.
        double scale = meanKpa * w.length / sum;
        float[] map = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            map[i] = (float) (w[i] * scale);
        }
        return map;
    }

    /** Box-Muller, spelt out so the map does not depend on a JDK's choice of gaussian algorithm. */
    private static double standardNormal(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(TWO_PI * r.nextDouble());
    }

    private void updateDrift(double seconds) {
        if (sensor.driftCounts() == 0) {
            return;
        }
        double common = commonAmplitude * 0.5 * (1 - Math.cos(commonOmega * seconds + commonPhase));
        for (int i = 0; i < cells; i++) {
            drift[i] = (float) (common + amplitude[i] * 0.5 * (1 - Math.cos(omega[i] * seconds + phase[i])));
        }
    }

    /** An approximately standard normal variate from 64 random bits (Irwin-Hall, n = 4). */
    static double gaussian(long bits) {
        long sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF) + (bits >>> 48);
        return (sum - IRWIN_HALL_MEAN) / IRWIN_HALL_SD;
    }
}
