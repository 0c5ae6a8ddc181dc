package dev.acumat.analytics.influx;

/**
 * One {@code contact} point: the mat's contact metrics at one frame (at least once a second
 * while someone is on the mat). See {@link SinkPoint} for time and absent values.
 *
 * @param contactRatio 0..1, share of the mat's cells in contact
 * @param contactAreaCm2 area in contact
 * @param lowerBackCoverage 0..1, share of the lower-back region in contact; NaN when the lower
 *     back is not on the mat (the field is then absent, as {@link InfluxSchema} has it)
 * @param peakPressure highest cell value, in {@code units}
 * @param meanPressure mean over the cells in contact, in {@code units}
 * @param copXCm centre of pressure across the mat
 * @param copYCm centre of pressure along the mat (0 = head end)
 * @param posture supine, prone, left, right, sitting, standing or unknown; null = absent
 * @param units extra field: {@code "kPa"} for a calibrated mat, {@code "raw"} for ADC counts; null = absent
 * @param contactCells extra field: number of cells in contact; negative = absent
 * @param loadN extra field: total load in newtons (calibrated mats); NaN = absent
 */
public record ContactPoint(String mat, long timeMs, double contactRatio, double contactAreaCm2,
                           double lowerBackCoverage, double peakPressure, double meanPressure,
                           double copXCm, double copYCm, String posture,
                           String units, int contactCells, double loadN) implements SinkPoint {
    public ContactPoint {
        SinkPoint.checkMat(mat);
    }

    /** The contract's fields only; the extra fields absent. */
    public static ContactPoint of(String mat, long timeMs, double contactRatio, double contactAreaCm2,
                                  double lowerBackCoverage, double peakPressure, double meanPressure,
                                  double copXCm, double copYCm, String posture) {
        return new ContactPoint(mat, timeMs, contactRatio, contactAreaCm2, lowerBackCoverage, peakPressure,
                meanPressure, copXCm, copYCm, posture, null, -1, Double.NaN);
    }

    /** With the extra fields. */
    public ContactPoint withExtras(String units, int contactCells, double loadN) {
        return new ContactPoint(mat, timeMs, contactRatio, contactAreaCm2, lowerBackCoverage, peakPressure,
                meanPressure, copXCm, copYCm, posture, units, contactCells, loadN);
    }
}
