package dev.acumat.simulator.synthetic;

import dev.acumat.contract.Posture;
import java.util.Objects;

/**
 * One phase of a scenario: the body goes from one pose to another over some seconds (or holds
 * a pose when both are the same). Continuous parameters ease in and out (smoothstep); a change
 * of posture is drawn as a cross-fade of the two postures' pressures.
 *
 * @param phase   the phase's name in the ground truth, e.g. "still", "roll-left"
 * @param seconds duration, > 0
 * @param from    pose at the start
 * @param to      pose at the end
 * @param motion  what kind of movement this is, for the ground truth
 */
public record Segment(String phase, double seconds, Pose from, Pose to, Motion motion) {
    /** The kind of movement in a segment. */
    public enum Motion {
        /** Lying, sitting or standing still (breathing and sway only); or nobody there. */
        STILL,
        /** A posture change or a displacement of the body that settles: a posture shift. */
        SHIFT,
        /** Getting onto the mat: load rises from nothing. Not a shift. */
        GET_ON,
        /** Getting off the mat: load falls to nothing. Not a shift. */
        GET_OFF,
        /** A short lift while staying on the mat (repositioning): load dips and returns. Not a shift. */
        LIFT
    }

    public Segment {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(motion, "motion");
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be > 0: " + seconds);
        }
        if (from.posture() == null && from.load() > 0 || to.posture() == null && to.load() > 0) {
            throw new IllegalArgumentException("a load needs a posture");
        }
        if (from.posture() == null && to.posture() != null || from.posture() != null && to.posture() == null) {
            throw new IllegalArgumentException("get on and off with a posture at zero load, not from nobody");
        }
    }

    /** Whether someone bears on the mat during this segment. */
    public boolean onMat() {
        return from.load() > 0 || to.load() > 0;
    }

    /** The posture the ground truth reports: null off the mat, UNKNOWN while changing posture. */
    public Posture truthPosture() {
        if (!onMat()) {
            return null;
        }
        return from.posture() == to.posture() ? from.posture() : Posture.UNKNOWN;
    }

    /** Frames this segment lasts at a rate, at least one. */
    public int frames(double hz) {
        return (int) Math.max(1, Math.round(seconds * hz));
    }
}
