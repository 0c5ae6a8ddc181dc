package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;

/**
 * The lower-back region of a lumbar pad: the whole pad. A pad of 40 x 40 cm lies under the lower
 * back alone, so neither the shoulders nor the pelvis are on it to locate the lumbar band by
 * ({@link LowerBack}); whoever lies on it has their lower back on it, and the share of its cells
 * in contact is how much of the lower back presses on it.
 */
public final class PadRegion {
    private PadRegion() {
    }

    /** The region of a frame with a body on the pad: every cell, {@code coverage} the share in contact. */
    public static LowerBackRegion of(PressureMap map) {
        boolean[] contact = map.contacts();
        boolean[] cells = new boolean[contact.length];
        java.util.Arrays.fill(cells, true);
        int touching = 0;
        for (boolean c : contact) {
            touching += c ? 1 : 0;
        }
        double w = map.cols() * map.spec().colPitchCm();
        double h = map.rows() * map.spec().rowPitchCm();
        return new LowerBackRegion(cells, cells.length, touching, (double) touching / cells.length,
                new double[] {0, 0, w, 0, w, h, 0, h});
    }
}
