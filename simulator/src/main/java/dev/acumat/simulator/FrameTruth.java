package dev.acumat.simulator;

import dev.acumat.contract.Posture;

/**
 * The ground truth of one synthetic frame: what the person was doing and, from the noiseless
 * pressure on the mat window, what load the analytics should have seen.
 *
 * @param onMat    whether a person bears on the mat: from the first frame of getting on to the
 *                 last frame of getting off, including short lifts (a lift is not leaving)
 * @param posture  the posture, null when nobody is on the mat, UNKNOWN in the middle of a
 *                 posture change (rolling, sitting up, lying back)
 * @param moving   true while the person is moving: getting on or off, shifting, rolling,
 *                 lifting; false while still (breathing and standing sway are not movement)
 * @param phase    the scenario phase's name, e.g. "still", "roll-left"
 * @param shift    true in the frames of a posture shift: a posture change or a displacement of
 *                 the body on the mat that settles (getting on or off and lifts are not shifts)
 * @param load     the share of body weight the person puts on the surface, 0..1 (the mat
 *                 window carries only the part of it under the window); NaN if unknown
 * @param forceN   total force on the mat window in newtons, before sensor effects; NaN if unknown
 * @param copXCm   centre of pressure on the window, cm from the column-0 edge; NaN if no load
 * @param copYCm   centre of pressure on the window, cm from the row-0 (head) edge; NaN if no load
 * @param lumbarCoverage lying supine (not mid-change), the share 0..1 of the mat cells in the
 *                 body's lumbar band (L1 to L5/S1, 28 cm wide for the reference body, moving
 *                 with the body) whose noiseless pressure is at least 0.25 kPa; NaN otherwise
 */
public record FrameTruth(boolean onMat, Posture posture, boolean moving, String phase, boolean shift,
                         double load, double forceN, double copXCm, double copYCm, double lumbarCoverage) {

    /** A truth that only names the state, without load figures (a hand-written truth). */
    public FrameTruth(boolean onMat, Posture posture, boolean moving, String phase) {
        this(onMat, posture, moving, phase, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
