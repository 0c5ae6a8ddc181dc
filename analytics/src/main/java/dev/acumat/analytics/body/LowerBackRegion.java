package dev.acumat.analytics.body;

/**
 * The lumbar region of a person lying supine, located in this frame from the body's own
 * landmarks: the band between the lower ribs and the pelvis, about a torso wide, turned with
 * the body.
 *
 * @param cells          the mat's cells inside the region, row-major like the pressure map; the
 *                       analyzer's buffer, valid until its next frame, as the map is
 * @param cellCount      how many cells are inside (the part of the region on the mat)
 * @param cellsInContact how many of those are in contact
 * @param coverage       {@code cellsInContact / cellCount}, 0..1
 * @param outlineCm      the region's outline clipped to the mat, x0, y0, x1, y1, ... in mat cm
 *                       (x from column 0's edge, y from the head edge), for drawing
 */
public record LowerBackRegion(boolean[] cells, int cellCount, int cellsInContact, double coverage,
                              double[] outlineCm) {
}
