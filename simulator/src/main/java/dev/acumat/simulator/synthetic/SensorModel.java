package dev.acumat.simulator.synthetic;

import dev.acumat.protocol.CalibrationPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * How the mat's force-sensitive resistors and 12-bit ADC turn pressure into counts.
 *
 * <p>An FSR's conductance grows roughly in proportion to force, so through a voltage divider
 * the reading saturates: {@code raw = 4095 * p / (p + halfScaleKpa)}, half of full scale at
 * {@code halfScaleKpa}. With 20 kPa that gives about 100 counts at the 0.5 kPa of a lightly
 * touching lower back, 2048 at 20 kPa and 3070 at the 60 kPa of a heel when standing, so the
 * whole range of a person is resolved and nothing but very hard points clips.
 *
 * <p>On top of the curve: a slowly drifting baseline (a common part and a per-cell part,
 * together 0..{@code driftCounts}), noise of {@code noiseCounts} counts plus {@code noiseShare}
 * of the reading, clipping at 4095 and the firmware's deadband (readings at or below it are
 * sent as 0). The noise is an Irwin-Hall sum of four uniforms: gaussian to the eye but bounded
 * at 3.46 sigma, so with sigma 3 and deadband 12 an unloaded cell without drift reads exactly 0.
 *
 * <p>Two things make a real empty mat read more than that, both off by default:
 * <ul>
 *   <li><b>Stuck cells</b>: {@code stuckShare} of the cells (rounded, at least one when above 0),
 *       chosen by the seed, each reading its own constant value whatever lies on it. Every third
 *       reads full scale (a shorted sensor), the others 600 to 4000 counts (a crushed one).</li>
 *   <li><b>A topper</b>: a foam layer or cover lying on the sensor sheet, pressing on it with
 *       {@code topperKpa} on average, unevenly: a smooth random map of patches 10 to 20 cm
 *       across, fixed for the mat, plus a small flicker of its own from frame to frame. The
 *       person's pressure adds to it before the curve.</li>
 * </ul>
 *
 * @param halfScaleKpa pressure giving half of full scale
 * @param noiseCounts  noise standard deviation in counts, independent of the reading
 * @param noiseShare   further noise standard deviation as a share of the reading
 * @param driftCounts  largest baseline drift in counts (0 for none)
 * @param deadband     readings at or below this are sent as 0
 * @param stuckShare   share of the cells stuck at a constant reading, 0..1 (0 for none)
 * @param topperKpa    mean pressure of a topper on the whole mat, kPa (0 for none)
 */
public record SensorModel(double halfScaleKpa, double noiseCounts, double noiseShare, double driftCounts,
                          int deadband, double stuckShare, double topperKpa) {
    public static final int ADC_BITS = 12;
    public static final int MAX_RAW = (1 << ADC_BITS) - 1;

    /**
     * The simulated mat: 20 kPa half scale, 3 counts + 1 % noise, drift up to 30 counts, deadband
     * 12, no stuck cells and no topper.
     */
    public static final SensorModel DEFAULT = new SensorModel(20, 3, 0.01, 30, 12);

    /**
     * Raw counts of the calibration points reported in the device-info; pressures follow the
     * curve. Spaced so that linear interpolation between neighbours is never more than 6 % off.
     */
    private static final int[] CALIBRATION_RAW = {0, 240, 840, 1590, 2300, 2870, 3290, 3570};

    public SensorModel {
        if (!(halfScaleKpa > 0) || !(noiseCounts >= 0) || !(noiseShare >= 0) || !(driftCounts >= 0)) {
            throw new IllegalArgumentException("sensor parameters must be positive");
        }
        if (deadband < 0 || deadband > MAX_RAW) {
            throw new IllegalArgumentException("deadband out of 0.." + MAX_RAW + ": " + deadband);
        }
        if (!(stuckShare >= 0 && stuckShare <= 1)) {
            throw new IllegalArgumentException("share of stuck cells out of 0..1: " + stuckShare);
        }
        if (!(topperKpa >= 0) || Double.isInfinite(topperKpa)) {
            throw new IllegalArgumentException("topper pressure must be finite and >= 0: " + topperKpa);
        }
    }

    /** A sensor whose empty mat carries no load: no stuck cells, no topper. */
    public SensorModel(double halfScaleKpa, double noiseCounts, double noiseShare, double driftCounts, int deadband) {
        this(halfScaleKpa, noiseCounts, noiseShare, driftCounts, deadband, 0, 0);
    }

    /** The same sensor without baseline drift. */
    public SensorModel withoutDrift() {
        return new SensorModel(halfScaleKpa, noiseCounts, noiseShare, 0, deadband, stuckShare, topperKpa);
    }

    /** The same sensor without noise, drift, stuck cells or topper: the bare curve, clipping and deadband. */
    public SensorModel ideal() {
        return new SensorModel(halfScaleKpa, 0, 0, 0, deadband);
    }

    /** The same sensor with {@code share} (0..1) of its cells stuck; 0 for none. */
    public SensorModel withStuckCells(double share) {
        return new SensorModel(halfScaleKpa, noiseCounts, noiseShare, driftCounts, deadband, share, topperKpa);
    }

    /** The same sensor under a topper pressing {@code kPa} on average; 0 for none. */
    public SensorModel withTopper(double kPa) {
        return new SensorModel(halfScaleKpa, noiseCounts, noiseShare, driftCounts, deadband, stuckShare, kPa);
    }

    /** The curve: mean raw counts (unrounded, unclipped) for a pressure in kPa. */
    public double rawOf(double kPa) {
        return kPa <= 0 ? 0 : MAX_RAW * kPa / (kPa + halfScaleKpa);
    }

    /** The curve's inverse: kPa for a raw count; full scale reads as the pressure at 4094.5 counts. */
    public double kPaOf(double raw) {
        double r = Math.min(Math.max(raw, 0), MAX_RAW - 0.5);
        return halfScaleKpa * r / (MAX_RAW - r);
    }

    /**
     * Eight points of the curve, raw counts to pascals (0 to 136 kPa). Interpolating linearly
     * between them overestimates by at most 6 %, beyond the last point the error grows;
     * {@link #kPaOf} is exact.
     */
    public List<CalibrationPoint> calibration() {
        List<CalibrationPoint> points = new ArrayList<>(CALIBRATION_RAW.length);
        for (int raw : CALIBRATION_RAW) {
            points.add(new CalibrationPoint(raw, Math.round(kPaOf(raw) * 1000)));
        }
        return points;
    }
}
