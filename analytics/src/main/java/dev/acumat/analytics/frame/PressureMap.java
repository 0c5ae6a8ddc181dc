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
    /** The contact's runs along the rows, from their first cell to past their last (row-major indices). */
    private final int[] runStart;
    private final int[] runEnd;
    private final RunSums sums;
    private final float[] colX;
    /** How many runs the mapper found in this frame; -1 when they are to be found in the mask. */
    private int runs = -1;

    /**
     * Per contact run (indexed as {@link #runStarts()}), of its cells' pressure p at x, each
     * cell's centre across the mat in cm ({@link #colCentres()}): the sums of p, p x, p x^2 and
     * p^2, and the largest p. The map's own arrays: read, do not modify.
     */
    public static final class RunSums {
        public final double[] load;
        public final double[] loadX;
        public final double[] loadXX;
        public final double[] loadSq;
        public final float[] max;

        RunSums(int runs) {
            load = new double[runs];
            loadX = new double[runs];
            loadXX = new double[runs];
            loadSq = new double[runs];
            max = new float[runs];
        }
    }

    public PressureMap(MatSpec spec, float[] pressure, boolean[] contact) {
        if (pressure.length != spec.cells() || contact.length != spec.cells()) {
            throw new IllegalArgumentException("a " + spec.rows() + " x " + spec.cols() + " map needs "
                    + spec.cells() + " cells");
        }
        this.spec = spec;
        this.pressure = pressure;
        this.contact = contact;
        int most = maxRuns(spec);
        this.runStart = new int[most];
        this.runEnd = new int[most];
        this.sums = new RunSums(most);
        this.colX = new float[spec.cols()];
        for (int c = 0; c < colX.length; c++) {
            colX[c] = (float) ((c + 0.5) * spec.colPitchCm());
        }
    }

    /** The most runs a mask can have: every other cell of every row. */
    static int maxRuns(MatSpec spec) {
        return spec.rows() * ((spec.cols() + 1) / 2);
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

    /**
     * The runs of contact cells along the rows, in row-major order, into {@link #runStarts()}
     * and {@link #runEnds()}, with their sums ({@link #runSums()}); returns how many there
     * are. A map from {@link PressureMapper} found and summed them while mapping; any other map
     * finds them in its contact mask now.
     */
    public int contactRuns() {
        if (runs >= 0) {
            return runs;
        }
        int n = 0;
        int cols = spec.cols();
        for (int base = 0; base < contact.length; base += cols) {
            for (int i = base, end = base + cols; i < end; i++) {
                if (contact[i]) {
                    int s = i;
                    double load = 0;
                    double loadX = 0;
                    double loadXX = 0;
                    double loadSq = 0;
                    float top = 0;
                    for (; i < end && contact[i]; i++) {
                        double v = pressure[i];
                        double vx = v * colX[i - base];
                        load += v;
                        loadX += vx;
                        loadXX += vx * colX[i - base];
                        loadSq += v * v;
                        top = pressure[i] > top ? pressure[i] : top;
                    }
                    mappedRun(n++, s, i, load, loadX, loadXX, loadSq, top);
                }
            }
        }
        return n;
    }

    /** First cell of each run of {@link #contactRuns()}; do not modify. */
    public int[] runStarts() {
        return runStart;
    }

    /** One past the last cell of each run of {@link #contactRuns()}; do not modify. */
    public int[] runEnds() {
        return runEnd;
    }

    /** The sums of each run of {@link #contactRuns()}. */
    public RunSums runSums() {
        return sums;
    }

    /** Each column's centre across the mat in cm, as a float (the precision the run sums are taken at). */
    public float[] colCentres() {
        return colX;
    }

    /** Records run {@code k} and its sums (for the mapper, and for {@link #contactRuns()}). */
    void mappedRun(int k, int start, int end, double load, double loadX, double loadXX, double loadSq, float max) {
        runStart[k] = start;
        runEnd[k] = end;
        sums.load[k] = load;
        sums.loadX[k] = loadX;
        sums.loadXX[k] = loadXX;
        sums.loadSq[k] = loadSq;
        sums.max[k] = max;
    }

    /** For the mapper: how many runs it recorded for this frame (-1: none). */
    void mappedRuns(int count) {
        runs = count;
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
