package dev.acumat.analytics.frame;

/**
 * One frame as pressure above the empty mat's baseline, row-major, row 0 at the head end, in
 * the calibration's units (kPa, or raw counts for an uncalibrated mat), with which cells are
 * in contact. The arrays are shared with the analyzer that made it: read, do not keep.
 */
public final class PressureMap {
    private final MatSpec spec;
    private final float[] pressure;
    private final boolean[] contact;

    public PressureMap(MatSpec spec, float[] pressure, boolean[] contact) {
        if (pressure.length != spec.cells() || contact.length != spec.cells()) {
            throw new IllegalArgumentException("a " + spec.rows() + " x " + spec.cols() + " map needs "
                    + spec.cells() + " cells");
        }
        this.spec = spec;
        this.pressure = pressure;
        this.contact = contact;
    }

    public MatSpec spec() {
        return spec;
    }

    public int rows() {
        return spec.rows();
    }

    public int cols() {
        return spec.cols();
    }

    public float pressure(int row, int col) {
        return pressure[row * spec.cols() + col];
    }

    public boolean contact(int row, int col) {
        return contact[row * spec.cols() + col];
    }

    /** The backing pressure array, row-major; do not modify. */
    public float[] pressures() {
        return pressure;
    }

    /** The backing contact mask, row-major; do not modify. */
    public boolean[] contacts() {
        return contact;
    }

    /** Centre of cell (row, col) along the mat from the head edge, in cm. */
    public double yCm(int row) {
        return (row + 0.5) * spec.rowPitchCm();
    }

    /** Centre of cell (row, col) across the mat from column 0's edge, in cm. */
    public double xCm(int col) {
        return (col + 0.5) * spec.colPitchCm();
    }
}
