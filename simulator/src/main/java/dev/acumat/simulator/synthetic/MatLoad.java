package dev.acumat.simulator.synthetic;

/**
 * The load a pressure map puts on a mat: total force and centre of pressure. The centre is in
 * mat coordinates, cm from the outer corner of cell (0, 0): x along the rows (towards higher
 * columns), y down the columns (towards the foot end); NaN when there is no load.
 *
 * @param forceN  total force, N (pressure times cell area, summed)
 * @param copXCm  centre of pressure across the mat, cm from the column-0 edge
 * @param copYCm  centre of pressure along the mat, cm from the row-0 (head) edge
 */
public record MatLoad(double forceN, double copXCm, double copYCm) {
    /** No load at all. */
    public static final MatLoad NONE = new MatLoad(0, Double.NaN, Double.NaN);

    /** The load of a pressure map in kPa, rows x cols row-major. */
    public static MatLoad of(float[] kPa, MatGeometry g) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        int cols = g.cols();
        for (int r = 0; r < g.rows(); r++) {
            double rowSum = 0;
            for (int c = 0; c < cols; c++) {
                double p = kPa[r * cols + c];
                rowSum += p;
                sx += p * (c + 0.5);
            }
            sum += rowSum;
            sy += rowSum * (r + 0.5);
        }
        if (!(sum > 0)) {
            return NONE;
        }
        return new MatLoad(sum * 1000 * g.cellAreaM2(), sx / sum * g.colPitchMm() / 10, sy / sum * g.rowPitchMm() / 10);
    }

    /** Distance between two centres of pressure in cm, NaN when either is unknown. */
    public double copDistanceCm(MatLoad other) {
        return Math.hypot(copXCm - other.copXCm, copYCm - other.copYCm);
    }
}
