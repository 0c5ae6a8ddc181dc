package dev.acumat.analytics.body;

/**
 * The contact of a frame as runs of touching cells along each row, joined into connected
 * contacts (8-neighbours) by union-find, with each run's pressure sums. One sequential pass over
 * the mat, where a flood fill would jump about it; later passes visit only the runs.
 */
final class ContactRuns {
    final int cols;
    /** First cell (row-major index) and length of each run. */
    final int[] start;
    final int[] length;
    /** Each run's row's centre (cm from the head edge). */
    final float[] rowY;
    /** Per run: sum of p, of p x, of p x^2, of p^2, and the largest p (x: cm from column 0's edge). */
    final double[] load;
    final double[] loadX;
    final double[] loadXX;
    final double[] loadSq;
    final float[] max;
    /** Per run: its connected contact. */
    final int[] comp;
    /** Per connected contact: cells, load, centre of pressure (cm). */
    final int[] compCells;
    final double[] compLoad;
    final double[] compX;
    final double[] compY;
    int runs;
    int comps;
    double totalLoad;

    private final int rows;
    private final float[] colX;
    private final float[] rowCentre;
    private final int[] parent;

    ContactRuns(int rows, int cols, double rowCm, double colCm) {
        this.rows = rows;
        this.cols = cols;
        int most = rows * (cols / 2 + 1);
        start = new int[most];
        length = new int[most];
        rowY = new float[most];
        load = new double[most];
        loadX = new double[most];
        loadXX = new double[most];
        loadSq = new double[most];
        max = new float[most];
        comp = new int[most];
        parent = new int[most];
        compCells = new int[most];
        compLoad = new double[most];
        compX = new double[most];
        compY = new double[most];
        colX = new float[cols];
        for (int c = 0; c < cols; c++) {
            colX[c] = (float) ((c + 0.5) * colCm);
        }
        rowCentre = new float[rows];
        for (int r = 0; r < rows; r++) {
            rowCentre[r] = (float) ((r + 0.5) * rowCm);
        }
    }

    /** Finds the runs and connected contacts of a frame's contact mask. */
    void scan(float[] p, boolean[] contact) {
        int n = 0;
        int above = 0;
        for (int r = 0; r < rows; r++) {
            int first = n;
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                if (!contact[base + c]) {
                    continue;
                }
                int c0 = c;
                double sp = 0;
                double spx = 0;
                double spxx = 0;
                double spp = 0;
                float top = 0;
                for (; c < cols && contact[base + c]; c++) {
                    double v = p[base + c];
                    double vx = v * colX[c];
                    sp += v;
                    spx += vx;
                    spxx += vx * colX[c];
                    spp += v * v;
                    top = p[base + c] > top ? p[base + c] : top;
                }
                int c1 = c - 1;
                start[n] = base + c0;
                length[n] = c - c0;
                rowY[n] = rowCentre[r];
                load[n] = sp;
                loadX[n] = spx;
                loadXX[n] = spxx;
                loadSq[n] = spp;
                max[n] = top;
                parent[n] = n;
                // Touching, diagonals included: the runs above overlapping columns c0 - 1 .. c1 + 1.
                for (int k = above; k < first; k++) {
                    int a0 = start[k] - base + cols;
                    if (a0 <= c1 + 1 && a0 + length[k] >= c0) {
                        union(k, n);
                    }
                }
                n++;
            }
            above = first;
        }
        runs = n;
        components();
    }

    private void components() {
        int count = 0;
        double total = 0;
        for (int k = 0; k < runs; k++) {
            int root = find(k);
            // Roots are always a contact's first run (unions keep the lower index), so a root
            // is met before the rest of its contact.
            int c = root == k ? count++ : comp[root];
            comp[k] = c;
            if (root == k) {
                compCells[c] = 0;
                compLoad[c] = 0;
                compX[c] = 0;
                compY[c] = 0;
            }
            compCells[c] += length[k];
            compLoad[c] += load[k];
            compX[c] += loadX[k];
            compY[c] += load[k] * rowY[k];
            total += load[k];
        }
        for (int c = 0; c < count; c++) {
            compX[c] = compLoad[c] > 0 ? compX[c] / compLoad[c] : 0;
            compY[c] = compLoad[c] > 0 ? compY[c] / compLoad[c] : 0;
        }
        comps = count;
        totalLoad = total;
    }

    private int find(int k) {
        while (parent[k] != k) {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        return k;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
