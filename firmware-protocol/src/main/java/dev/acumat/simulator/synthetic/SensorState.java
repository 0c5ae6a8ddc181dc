package dev.acumat.simulator.synthetic;

import java.util.SplittableRandom;

/**
 * The per-mat random state of the sensor: noise generator and baseline drift. Drift is a common
 * slow wave plus a slow wave per cell with its own amplitude, period and phase; most cells drift
 * a few counts, a few "hot" cells up to the maximum, as worn or badly laminated FSRs do. It is
 * recomputed once per second of device time, which is far faster than it changes.
 */
final class SensorState {
    private static final double COMMON_SHARE = 0.25;
    private static final double TWO_PI = 2 * Math.PI;
    /** Standard deviation of a sum of four 16-bit uniforms: 65536 / sqrt(3). */
    private static final double IRWIN_HALL_SD = 65536 / Math.sqrt(3);
    private static final double IRWIN_HALL_MEAN = 2 * 65535.0;

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
    private SplittableRandom noise;

    SensorState(SensorModel sensor, int cells, double hz, long seed) {
        this.sensor = sensor;
        this.seed = seed;
        this.cells = cells;
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
        rewind();
    }

    void rewind() {
        noise = new SplittableRandom(seed);
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
        for (int i = 0; i < cells; i++) {
            double p = kPa[i];
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
        }
    }

    /** The current baseline of a cell in counts, for tests and documentation. */
    double driftOf(int cell) {
        return drift[cell];
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
