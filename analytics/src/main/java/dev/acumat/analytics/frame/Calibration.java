package dev.acumat.analytics.frame;

import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.DeviceInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.analysis.interpolation.LinearInterpolator;
import org.apache.commons.math3.analysis.interpolation.SplineInterpolator;
import org.apache.commons.math3.analysis.polynomials.PolynomialSplineFunction;

/**
 * Raw ADC counts to pressure, from the mat's calibration points: a curve through the points
 * (a natural cubic spline with Commons Math, or straight lines where a spline would not
 * rise everywhere), held as a lookup table over the ADC's range so a frame costs one array
 * read per cell. A mat without calibration points stays in raw counts, and says so.
 */
public final class Calibration {
    /** Contact for pressure-mapping vendors starts at about 5 mmHg. */
    public static final double CONTACT_KPA = 5 * 0.133322;
    /** Without calibration: 1 % of the ADC's full scale above the baseline. */
    public static final double CONTACT_RAW_SHARE = 0.01;

    /**
     * Curves already made, by ADC resolution and points: a mat model's mats share one curve, and
     * making it (a spline, checked at every count) costs milliseconds, which hundreds of mats
     * joining at once, or restored after a restart, would pay each. Bounded: mats with calibrations
     * of their own beyond this many are made afresh when the cache is full.
     */
    private static final Map<CurveKey, Calibration> CURVES = new ConcurrentHashMap<>();
    private static final int MAX_CURVES = 256;

    private record CurveKey(int adcBits, List<CalibrationPoint> points) {
    }

    private final boolean calibrated;
    private final float[] table;
    private final float contactThreshold;
    /** Per count, {@link #floorOf}. */
    private final int[] floors;

    private Calibration(boolean calibrated, float[] table, float contactThreshold) {
        this.calibrated = calibrated;
        this.table = table;
        this.contactThreshold = contactThreshold;
        this.floors = floors(table);
    }

    /**
     * Each count's {@link #floorOf}: the last count of the flat stretch it is on, or
     * {@link Integer#MAX_VALUE} on the stretch that runs to the end of the range. A mat's
     * baseline moves with every frame while it is empty, and each move asked this of every cell
     * again: a search along the curve per cell, most of the analytics' time on an empty mat,
     * until it was tabulated here, once per curve. Every curve rises (device-info's points never
     * fall, and a spline that would is replaced by straight lines), which this relies on.
     */
    private static int[] floors(float[] table) {
        for (int c = 1; c < table.length; c++) {
            if (!(table[c] >= table[c - 1])) {
                throw new IllegalStateException("the calibration curve falls at count " + c);
            }
        }
        int[] floors = new int[table.length];
        floors[table.length - 1] = Integer.MAX_VALUE;
        for (int c = table.length - 2; c >= 0; c--) {
            floors[c] = table[c] == table[c + 1] ? floors[c + 1] : c;
        }
        return floors;
    }

    public static Calibration of(DeviceInfo info) {
        CurveKey key = new CurveKey(info.adcBits(), info.isCalibrated() ? List.copyOf(info.calibration()) : List.of());
        Calibration known = CURVES.get(key);
        if (known != null) {
            return known;
        }
        Calibration made = make(info);
        if (CURVES.size() < MAX_CURVES) {
            CURVES.putIfAbsent(key, made);
        }
        return made;
    }

    private static Calibration make(DeviceInfo info) {
        int size = 1 << info.adcBits();
        if (!info.isCalibrated()) {
            return raw(info.adcBits());
        }
        List<CalibrationPoint> points = info.calibration();
        float[] table = new float[size];
        if (points.size() == 1) {
            // One point fixes a scale through zero.
            CalibrationPoint p = points.get(0);
            double kPaPerCount = p.raw() == 0 ? 0 : p.pressurePa() / 1000.0 / p.raw();
            for (int r = 0; r < size; r++) {
                table[r] = (float) (r * kPaPerCount);
            }
            return new Calibration(true, table, (float) CONTACT_KPA);
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).raw();
            y[i] = points.get(i).pressurePa() / 1000.0;
        }
        PolynomialSplineFunction curve = x.length >= 3 ? new SplineInterpolator().interpolate(x, y) : null;
        if (curve == null || !risesEverywhere(curve, x)) {
            curve = new LinearInterpolator().interpolate(x, y);
        }
        for (int r = 0; r < size; r++) {
            double v;
            if (r <= x[0]) {
                v = y[0];
            } else if (r >= x[x.length - 1]) {
                // Beyond the last point: continue the last segment's slope rather than guess a curve.
                double slope = (y[y.length - 1] - y[y.length - 2]) / (x[x.length - 1] - x[x.length - 2]);
                v = y[y.length - 1] + slope * (r - x[x.length - 1]);
            } else {
                v = curve.value(r);
            }
            table[r] = (float) Math.max(0, v);
        }
        return new Calibration(true, table, (float) CONTACT_KPA);
    }

    /** A mat without calibration: values stay raw counts. */
    public static Calibration raw(int adcBits) {
        int size = 1 << adcBits;
        float[] table = new float[size];
        for (int r = 0; r < size; r++) {
            table[r] = r;
        }
        return new Calibration(false, table, (float) Math.max(1, CONTACT_RAW_SHARE * (size - 1)));
    }

    private static boolean risesEverywhere(PolynomialSplineFunction f, double[] x) {
        double prev = f.value(x[0]);
        for (double r = x[0] + 1; r <= x[x.length - 1]; r++) {
            double v = f.value(r);
            if (v < prev - 1e-9) {
                return false;
            }
            prev = v;
        }
        return true;
    }

    public boolean calibrated() {
        return calibrated;
    }

    /** "kPa", or "raw" for an uncalibrated mat. */
    public String units() {
        return calibrated ? "kPa" : "raw";
    }

    /** Pressure of a raw count (clamped to the ADC's range). */
    public float pressure(int raw) {
        return table[Math.min(table.length - 1, Math.max(0, raw))];
    }

    /**
     * The highest count whose pressure is at most that of {@code count} (clamped to the ADC's
     * range like {@link #pressure}): a count at or below it maps to no more pressure than
     * {@code count} does, and every count above it to more; {@link Integer#MAX_VALUE} where no
     * count maps to more.
     */
    public int floorOf(int count) {
        return floors[Math.min(floors.length - 1, Math.max(0, count))];
    }

    /** A cell is in contact at or above this pressure (in {@link #units()}). */
    public float contactThreshold() {
        return contactThreshold;
    }
}
