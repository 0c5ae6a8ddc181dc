package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;

/**
 * The contact of a frame as runs of touching cells along each row, joined into connected
 * contacts (8-neighbours) by union-find, with each run's pressure sums. The runs and their
 * sums come from the map (the mapper finds and sums them as it maps), so this visits no cell,
 * where a flood fill would jump about the mat; later passes visit only the runs.
 */
final class ContactRuns {
    final int cols;
    /** First cell (row-major index) and length of each run. */
    final int[] start;
    final int[] length;
    /** Each run's row's centre (cm from the head edge). */
    final float[] rowY;
    /** Per run: its sums (the map's own arrays: the mapper sums each run as it maps it), valid as long as the map is. */
    PressureMap.RunSums sums;
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

    private final float[] rowCentre;
    private final int[] parent;

    ContactRuns(int rows, int cols, double rowCm) {
        this.cols = cols;
        int most = rows * ((cols + 1) / 2);
        start = new int[most];
        length = new int[most];
        rowY = new float[most];
        comp = new int[most];
        parent = new int[most];
        compCells = new int[most];
        compLoad = new double[most];
        compX = new double[most];
        compY = new double[most];
        rowCentre = new float[rows];
        for (int r = 0; r < rows; r++) {
            rowCentre[r] = (float) ((r + 0.5) * rowCm);
        }
    }

    /**
     * Takes the runs of a frame's contact mask (as its map lists them) with their sums, and
     * joins them into connected contacts.
     */
    void scan(PressureMap map) {
        int n = map.contactRuns();
        int[] starts = map.runStarts();
        int[] ends = map.runEnds();
        sums = map.runSums();
        int above = 0;
        int first = 0;
        int row = -1;
        int base = 0;
        for (int k = 0; k < n; k++) {
            int s = starts[k];
            if (s >= base + cols || row < 0) {
                int r = s / cols;
                // The runs of the row above touch this row's; an empty row between leaves none.
                above = r == row + 1 ? first : k;
                first = k;
                row = r;
                base = r * cols;
            }
            int e = ends[k];
            int c0 = s - base;
            int c1 = e - 1 - base;
            start[k] = s;
            length[k] = e - s;
            rowY[k] = rowCentre[row];
            parent[k] = k;
            // Touching, diagonals included: the runs above overlapping columns c0 - 1 .. c1 + 1.
            for (int a = above; a < first; a++) {
                int a0 = start[a] - base + cols;
                if (a0 <= c1 + 1 && a0 + length[a] >= c0) {
                    union(a, k);
                }
            }
        }
        runs = n;
        components();
    }

    private void components() {
        double[] load = sums.load;
        double[] loadX = sums.loadX;
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
