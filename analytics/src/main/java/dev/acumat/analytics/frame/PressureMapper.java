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

    public PressureMapper(MatSpec spec) {
        this.spec = spec;
        this.pressure = new float[spec.cells()];
        this.contact = new boolean[spec.cells()];
        this.map = new PressureMap(spec, pressure, contact);
    }

    public MatSpec spec() {
        return spec;
    }

    /** Maps one frame's raw values (row-major) against {@code baseline}. */
    public PressureMap map(int[] raw, Baseline baseline) {
        Calibration cal = spec.calibration();
        float threshold = cal.contactThreshold();
        for (int i = 0; i < raw.length; i++) {
            float zero = cal.pressure(Math.round(baseline.at(i)));
            float v = cal.pressure(raw[i]) - zero;
            v = v > 0 ? v : 0;
            pressure[i] = v;
            contact[i] = v >= threshold;
        }
        return map;
    }
}
