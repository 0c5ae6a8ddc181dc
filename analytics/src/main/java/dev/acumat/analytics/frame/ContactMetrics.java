package dev.acumat.analytics.frame;

/**
 * How one frame presses on the mat.
 *
 * @param contactCells   cells at or above the contact threshold
 * @param contactRatio   share of the mat's cells in contact, 0..1
 * @param contactAreaCm2 area of the cells in contact
 * @param peakPressure   the highest pressure (in the calibration's units), 0 without contact
 * @param meanPressure   mean pressure over the cells in contact, 0 without contact
 * @param loadForceN     total force, pressure x area over every cell (kPa x cm2 / 10); for an
 *                       uncalibrated mat, raw counts x cm2 / 10, a relative load
 * @param copXCm         centre of pressure across the mat (from column 0's edge), NaN without load
 * @param copYCm         centre of pressure along the mat (from the head edge), NaN without load
 */
public record ContactMetrics(int contactCells, double contactRatio, double contactAreaCm2, double peakPressure,
                             double meanPressure, double loadForceN, double copXCm, double copYCm) {

    /** Computes the metrics of a map: one pass over the cells. */
    public static ContactMetrics of(PressureMap map) {
        MatSpec spec = map.spec();
        float[] p = map.pressures();
        boolean[] c = map.contacts();
        int cols = spec.cols();
        int contact = 0;
        double sum = 0;
        double contactSum = 0;
        double sx = 0;
        double sy = 0;
        float peak = 0;
        // Row by row rather than i / cols and i % cols per cell: two integer divisions a cell
        // cost more than the sums.
        for (int base = 0, r = 0; base < p.length; base += cols, r++) {
            double rowSum = 0;
            double rowX = 0;
            for (int col = 0; col < cols; col++) {
                // Without a branch on the sign: around zero a noisy sensor makes it a coin toss.
                float v = Math.max(p[base + col], 0f);
                rowSum += v;
                rowX += v * (col + 0.5);
                if (c[base + col]) {
                    contact++;
                    contactSum += v;
                    peak = Math.max(peak, v);
                }
            }
            sum += rowSum;
            sx += rowX;
            sy += rowSum * (r + 0.5);
        }
        return of(spec, p.length, contact, contactSum, peak, sum, sx, sy);
    }

    /**
     * The metrics from a pass's sums: of the pressure in contact, of every cell's pressure and
     * of pressure x (col + 0.5), and row by row of the rows' sums x (row + 0.5).
     */
    static ContactMetrics of(MatSpec spec, int cells, int contact, double contactSum, float peak, double sum,
                             double sx, double sy) {
        double area = spec.cellAreaCm2();
        return new ContactMetrics(contact, (double) contact / cells, contact * area, peak,
                contact == 0 ? 0 : contactSum / contact, sum * area / 10,
                sum > 0 ? sx / sum * spec.colPitchCm() : Double.NaN,
                sum > 0 ? sy / sum * spec.rowPitchCm() : Double.NaN);
    }
}
