package dev.acumat.analytics.frame;

import dev.acumat.protocol.DeviceInfo;

/**
 * What the analytics need to know about a mat: its id, grid, sensor pitch and calibration,
 * from its device-info (or given for a recording).
 *
 * @param rowPitchCm distance between row centres (along the mat, head to feet)
 * @param colPitchCm distance between column centres (across the mat)
 */
public record MatSpec(String matId, int rows, int cols, double rowPitchCm, double colPitchCm,
                      Calibration calibration) {
    public MatSpec {
        if (rows < 1 || cols < 1 || !(rowPitchCm > 0) || !(colPitchCm > 0)) {
            throw new IllegalArgumentException("a mat needs rows, cols and pitches > 0: " + rows + " x " + cols
                    + " at " + rowPitchCm + " x " + colPitchCm + " cm");
        }
    }

    public static MatSpec of(DeviceInfo info) {
        return new MatSpec(info.matId(), info.rows(), info.cols(), info.rowPitchUm() / 10_000.0,
                info.colPitchUm() / 10_000.0, Calibration.of(info));
    }

    /** A recording without calibration: raw counts of an ADC of {@code adcBits}. */
    public static MatSpec raw(String matId, int rows, int cols, double pitchMm, int adcBits) {
        return raw(matId, rows, cols, pitchMm, pitchMm, adcBits);
    }

    /** {@link #raw(String, int, int, double, int)} with a pitch of its own between rows and between columns. */
    public static MatSpec raw(String matId, int rows, int cols, double rowPitchMm, double colPitchMm, int adcBits) {
        return new MatSpec(matId, rows, cols, rowPitchMm / 10, colPitchMm / 10, Calibration.raw(adcBits));
    }

    public int cells() {
        return rows * cols;
    }

    public double cellAreaCm2() {
        return rowPitchCm * colPitchCm;
    }

    /** Whether frames of this geometry belong to this mat. */
    public boolean fits(int frameRows, int frameCols) {
        return frameRows == rows && frameCols == cols;
    }
}
