package dev.acumat.analytics.frame;

/**
 * Raw counts to a {@link PressureMap}: calibrated pressure above the empty mat's baseline,
 * and contact where it reaches the threshold. Reuses its arrays from frame to frame, so a map
 * it returns is valid until the next call.
 */
public final class PressureMapper {
    private final MatSpec spec;
    private final float[] pressure;
    private final boolean[] contact;
    private final PressureMap map;
    /** The baseline's pressure per cell: recomputed only when the baseline moves (empty frames). */
    private final float[] zero;
    private Baseline zeroOf;
    private long zeroGeneration;

    public PressureMapper(MatSpec spec) {
        this.spec = spec;
        this.pressure = new float[spec.cells()];
        this.contact = new boolean[spec.cells()];
        this.map = new PressureMap(spec, pressure, contact);
        this.zero = new float[spec.cells()];
    }

    public MatSpec spec() {
        return spec;
    }

    /** Maps one frame's raw values (row-major) against {@code baseline}. */
    public PressureMap map(int[] raw, Baseline baseline) {
        Calibration cal = spec.calibration();
        float threshold = cal.contactThreshold();
        float[] zero = zeroFor(baseline, cal);
        for (int i = 0; i < raw.length; i++) {
            float v = cal.pressure(raw[i]) - zero[i];
            v = v > 0 ? v : 0;
            pressure[i] = v;
            contact[i] = v >= threshold;
        }
        return map;
    }

    private float[] zeroFor(Baseline baseline, Calibration cal) {
        if (baseline != zeroOf || baseline.generation() != zeroGeneration) {
            for (int i = 0; i < zero.length; i++) {
                zero[i] = cal.pressure(Math.round(baseline.at(i)));
            }
            zeroOf = baseline;
            zeroGeneration = baseline.generation();
        }
        return zero;
    }
}
