package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;

/**
 * The contact of one frame in the body's own coordinates: the cells in contact without
 * isolated specks, their pressure normalised by its mean (so raw counts and kPa give the same
 * shape), the principal axes of that distribution, the load's spread along ({@code u}, towards
 * the feet) and across ({@code v}, towards higher columns) the axis, and the load profile
 * along it. Buffers are reused: one instance per mat, confined to one thread.
 */
final class BodyShape {
    /** Less contact than this is not a body: a hand, a bag, a pet. */
    static final double MIN_BODY_CM2 = 60;
    /** A lone contact cell carrying less than this share of the load is noise, not a body part. */
    static final double SPECK_SHARE = 0.01;
    /** A connected contact carrying this share of the load is a major blob (a trunk, a foot). */
    static final double MAJOR_SHARE = 0.10;
    /**
     * A body presses: its contacts average at least this many times the contact threshold.
     * A topper's light, even load lies just above the threshold, a stuck cell stands alone:
     * neither is a person (see {@link #pressingAreaCm2}).
     */
    static final double PRESSING = 1.5;
    /** ...and covers at least this much: a heel; stuck cells that happen to lie together do not. */
    static final double PRESSING_MIN_CM2 = 30;

    final int rows;
    final int cols;
    final double rowCm;
    final double colCm;
    final double cellCm2;
    final double binCm;
    /** The contact's runs and connected contacts. */
    final ContactRuns runs;
    /** The load profile along the axis. */
    final AxisProfile profile;
    private final float[] cellX;
    private final float[] cellY;
    /** The runs that belong to the body (isolated specks left out). */
    private final int[] bodyRuns;
    private int bodyRunCount;

    int cells;
    double areaCm2;
    /**
     * Area of the contacts that press like a body: at least two cells and {@link #PRESSING_MIN_CM2},
     * with a mean pressure of at least {@link #PRESSING} times the contact threshold. Valid even
     * when {@link #measure} finds no body.
     */
    double pressingAreaCm2;
    double cx;
    double cy;
    double sin;
    double cos;
    double angleDeg;
    double uMin;
    double uMax;
    double vMin;
    double vMax;
    double sigmaU;
    double sigmaV;
    double skewV;
    double concentration;
    double peak;
    int majorBlobs;
    /** The two heaviest blobs: load share, and centroid u and v. */
    final double[] blobShare = new double[2];
    final double[] blobU = new double[2];
    final double[] blobV = new double[2];
    /**
     * The load on a coarse grid in the body's own frame: {@link #GRID_ALONG} bands over the
     * contact's length (so a short and a tall person, a small and a large mat, fill the same
     * bands) by {@link #GRID_ACROSS} bands of {@link #GRID_ACROSS_CM} across the axis, row-major
     * from the head end and from lower v. A coarse picture of the body that does not depend on
     * the mat's resolution; {@link #gridLoad} is the load it holds.
     */
    static final int GRID_ALONG = 12;
    static final int GRID_ACROSS = 8;
    static final double GRID_ACROSS_CM = 7.5;
    final double[] grid = new double[GRID_ALONG * GRID_ACROSS];
    double gridLoad;
    /** Load share and mean v of the upper, middle and lower third of the contact's length. */
    final double[] thirdShare = new double[3];
    final double[] thirdV = new double[3];

    BodyShape(int rows, int cols, double rowCm, double colCm) {
        this.rows = rows;
        this.cols = cols;
        this.rowCm = rowCm;
        this.colCm = colCm;
        this.cellCm2 = rowCm * colCm;
        this.binCm = Math.min(rowCm, colCm);
        int n = rows * cols;
        runs = new ContactRuns(rows, cols, rowCm);
        bodyRuns = new int[rows * ((cols + 1) / 2)];
        cellX = new float[n];
        cellY = new float[n];
        for (int i = 0; i < n; i++) {
            cellX[i] = (float) ((i % cols + 0.5) * colCm);
            cellY[i] = (float) ((i / cols + 0.5) * rowCm);
        }
        profile = new AxisProfile(rows, cols, rowCm, colCm);
    }

    /** Measures a frame; false when there is no body on the mat (then nothing else is valid). */
    boolean measure(PressureMap map) {
        float[] p = map.pressures();
        ContactRuns r = runs;
        r.scan(map);
        double pressing = PRESSING * map.spec().calibration().contactThreshold();
        int pressingCells = 0;
        int fewest = Math.max(2, (int) Math.ceil(PRESSING_MIN_CM2 / cellCm2 - 1e-9));
        for (int c = 0; c < r.comps; c++) {
            if (r.compCells[c] >= fewest && r.compLoad[c] >= pressing * r.compCells[c]) {
                pressingCells += r.compCells[c];
            }
        }
        pressingAreaCm2 = pressingCells * cellCm2;
        double speck = SPECK_SHARE * r.totalLoad;
        // Totals over the body's runs: the pressure's moments follow from each run's sums, y
        // being constant along a run, so only the projection below visits single cells.
        int n = 0;
        int used = 0;
        double sum = 0;
        double sumSq = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        float max = 0;
        PressureMap.RunSums runSums = r.sums;
        for (int k = 0; k < r.runs; k++) {
            int c = r.comp[k];
            if (r.compCells[c] == 1 && r.compLoad[c] < speck) {
                continue;
            }
            bodyRuns[used++] = k;
            double y = r.rowY[k];
            n += r.length[k];
            sum += runSums.load[k];
            sumSq += runSums.loadSq[k];
            sx += runSums.loadX[k];
            sxx += runSums.loadXX[k];
            sy += runSums.load[k] * y;
            syy += runSums.load[k] * y * y;
            sxy += runSums.loadX[k] * y;
            max = runSums.max[k] > max ? runSums.max[k] : max;
        }
        bodyRunCount = used;
        cells = n;
        areaCm2 = n * cellCm2;
        if (areaCm2 < MIN_BODY_CM2 || !(sum > 0)) {
            return false;
        }
        double mean = sum / n;
        concentration = sumSq / n / (mean * mean);
        peak = max / mean;
        // Normalising by the mean scales every weight alike: centre and axes are unchanged.
        cx = sx / sum;
        cy = sy / sum;
        angleDeg = Math.toDegrees(PrincipalAxis.angleFromLength(sxx / sum - cx * cx, syy / sum - cy * cy,
                sxy / sum - cx * cy));
        double a = Math.toRadians(angleDeg);
        sin = Math.sin(a);
        cos = Math.cos(a);
        extent();
        project(p, (float) (1 / mean));
        blobs(sum);
        profile.smooth();
        return true;
    }

    /**
     * The contact's extent along and across the axis. u and v are linear along a row, so each
     * run's ends bound it: no need to visit every cell.
     */
    private void extent() {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        float left = Float.POSITIVE_INFINITY;
        float right = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < bodyRunCount; j++) {
            int k = bodyRuns[j];
            double dy = runs.rowY[k] - cy;
            for (int end = 0; end < 2; end++) {
                double dx = cellX[runs.start[k] + end * (runs.length[k] - 1)] - cx;
                float ui = (float) (-sin * dx + cos * dy);
                float vi = (float) (cos * dx + sin * dy);
                lo = ui < lo ? ui : lo;
                hi = ui > hi ? ui : hi;
                left = vi < left ? vi : left;
                right = vi > right ? vi : right;
            }
        }
        uMin = lo;
        uMax = hi;
        vMin = left;
        vMax = right;
    }

    /**
     * One pass over the body's cells, with each one's weight, u (along, towards the feet) and v
     * (across, towards higher columns): the spread and skew of the load; the load of the
     * length's thirds; and the profile along the axis inside the trunk corridor.
     */
    private void project(float[] p, float scale) {
        AxisProfile prof = profile;
        prof.reset(uMin, uMax);
        // Locals and plain comparisons: this loop is most of a frame's cost.
        float lo = (float) uMin;
        float perBin = (float) (1 / binCm);
        float third1 = (float) (uMin + (uMax - uMin) / 3);
        float third2 = (float) (uMin + 2 * (uMax - uMin) / 3);
        int lastBin = prof.bins - 1;
        double suu = 0;
        double svv = 0;
        double svvv = 0;
        double w0 = 0;
        double w1 = 0;
        double w2 = 0;
        double wv0 = 0;
        double wv1 = 0;
        double wv2 = 0;
        float s = (float) sin;
        float c = (float) cos;
        float x0 = (float) cx;
        float y0 = (float) cy;
        double[] g = grid;
        java.util.Arrays.fill(g, 0);
        float perBand = (float) (GRID_ALONG / (uMax - uMin + binCm));
        float halfBin = (float) (binCm / 2);
        float perAcross = (float) (1 / GRID_ACROSS_CM);
        float acrossOffset = GRID_ACROSS / 2f;
        int openCell = -1;
        double openLoad = 0;
        int bin = -1;
        double bandLoad = 0;
        int bandCount = 0;
        double bandV = 0;
        double bandCentral = 0;
        for (int j = 0; j < bodyRunCount; j++) {
            int run = bodyRuns[j];
            // A run lies along one row: its cells share dy, and so these two products.
            float dy = cellY[runs.start[run]] - y0;
            float cdy = c * dy;
            float sdy = s * dy;
            for (int i = runs.start[run], end = i + runs.length[run]; i < end; i++) {
                float wi = p[i] * scale;
                float dx = cellX[i] - x0;
                float ui = -s * dx + cdy;
                float vi = c * dx + sdy;
                float wv = wi * vi;
                suu += wi * ui * ui;
                svv += wv * vi;
                svvv += wv * vi * vi;
                if (ui < third1) {
                    w0 += wi;
                    wv0 += wv;
                } else if (ui < third2) {
                    w1 += wi;
                    wv1 += wv;
                } else {
                    w2 += wi;
                    wv2 += wv;
                }
                float across = vi * perAcross + acrossOffset;
                if (across >= 0 && across < GRID_ACROSS) {
                    int along = (int) ((ui - lo + halfBin) * perBand);
                    int cell = (along < GRID_ALONG ? along : GRID_ALONG - 1) * GRID_ACROSS + (int) across;
                    if (cell != openCell) {
                        // As with the profile's bands: neighbours mostly share a grid cell.
                        if (openCell >= 0) {
                            g[openCell] += openLoad;
                        }
                        openCell = cell;
                        openLoad = 0;
                    }
                    openLoad += wi;
                }
                float av = vi < 0 ? -vi : vi;
                if (av <= AxisProfile.CORRIDOR_CM) {
                    int k = (int) ((ui - lo) * perBin);
                    k = k < lastBin ? k : lastBin;
                    if (k != bin) {
                        // Neighbours along a row mostly share a band: sum them in registers
                        // rather than through memory, one cell waiting for the last one's store.
                        prof.add(bin, bandLoad, bandCount, bandV, bandCentral);
                        bin = k;
                        bandLoad = 0;
                        bandCount = 0;
                        bandV = 0;
                        bandCentral = 0;
                    }
                    bandLoad += wi;
                    bandCount++;
                    bandV += wv;
                    bandCentral += av <= AxisProfile.CENTRAL_CM ? wi : 0;
                }
            }
        }
        prof.add(bin, bandLoad, bandCount, bandV, bandCentral);
        if (openCell >= 0) {
            g[openCell] += openLoad;
        }
        double gl = 0;
        for (double v : g) {
            gl += v;
        }
        gridLoad = gl;
        double sw = w0 + w1 + w2;
        sigmaU = Math.sqrt(suu / sw);
        sigmaV = Math.sqrt(svv / sw);
        skewV = sigmaV > 0 ? svvv / sw / (sigmaV * sigmaV * sigmaV) : 0;
        thirdShare[0] = w0 / sw;
        thirdShare[1] = w1 / sw;
        thirdShare[2] = w2 / sw;
        thirdV[0] = w0 > 0 ? wv0 / w0 : 0;
        thirdV[1] = w1 > 0 ? wv1 / w1 : 0;
        thirdV[2] = w2 > 0 ? wv2 / w2 : 0;
    }

    /** Major blobs and the two heaviest, in body coordinates. */
    private void blobs(double total) {
        ContactRuns r = runs;
        majorBlobs = 0;
        int first = -1;
        int second = -1;
        for (int k = 0; k < r.comps; k++) {
            if (r.compCells[k] <= 1) {
                continue;
            }
            if (r.compLoad[k] >= MAJOR_SHARE * total) {
                majorBlobs++;
            }
            if (first < 0 || r.compLoad[k] > r.compLoad[first]) {
                second = first;
                first = k;
            } else if (second < 0 || r.compLoad[k] > r.compLoad[second]) {
                second = k;
            }
        }
        blob(0, first, total);
        blob(1, second, total);
    }

    private void blob(int slot, int k, double total) {
        if (k < 0) {
            blobShare[slot] = 0;
            blobU[slot] = 0;
            blobV[slot] = 0;
            return;
        }
        double dx = runs.compX[k] - cx;
        double dy = runs.compY[k] - cy;
        blobShare[slot] = runs.compLoad[k] / total;
        blobU[slot] = -sin * dx + cos * dy;
        blobV[slot] = cos * dx + sin * dy;
    }

    /** Mat x (cm) of a point given in body coordinates. */
    double x(double bu, double bv) {
        return cx - sin * bu + cos * bv;
    }

    /** Mat y (cm) of a point given in body coordinates. */
    double y(double bu, double bv) {
        return cy + cos * bu + sin * bv;
    }
}
