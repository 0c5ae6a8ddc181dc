package dev.acumat.simulator.synthetic;

import dev.acumat.contract.Posture;
/**
 * Where and how the body lies at one instant. Translation and rotation move the posture's
 * template from its place in the world (see {@link MatGeometry} for the axes); the rotation is
 * about the trunk centre (the ischia when sitting, between the feet when standing), positive
 * turning the head end towards +x (higher columns).
 *
 * @param posture      the posture drawn, or null for nobody
 * @param dxCm         translation across the mat, + towards higher columns
 * @param dyCm         translation along the mat, + towards the foot end
 * @param rotationDeg  rotation in the mat plane, degrees
 * @param load         share of the body's weight put on the surface, 0..1 (getting on and off,
 *                     lifts); the mat window sees the part of it that falls on it
 * @param breathPhase  breathing phase in radians; pressure under the chest follows its sine
 * @param lumbar       0..1: lying, how flat the lower back lies (0 a marked lumbar arch, 1 a flat
 *                     back, as with bent knees); sitting, how slumped (0 upright on the ischia,
 *                     1 rolled back onto the sacrum); unused standing
 * @param weightShift  -1..1: standing, the imbalance between the feet, (left - right) /
 *                     (left + right): +1 all on the left foot (higher columns), -1 all on the
 *                     right, 0.35 a 67/33 split; unused otherwise
 */
public record Pose(Posture posture, double dxCm, double dyCm, double rotationDeg, double load,
                   double breathPhase, double lumbar, double weightShift) {
    /** Nobody on the mat. */
    public static final Pose EMPTY = new Pose(null, 0, 0, 0, 0, 0, 0, 0);

    /** A moderate lumbar arch: about 60 % of the lumbar band in contact (0 gives a third, 1 four fifths). */
    public static final double DEFAULT_LUMBAR = 0.3;

    public Pose {
        if (!(load >= 0 && load <= 1)) {
            throw new IllegalArgumentException("load must be 0..1: " + load);
        }
        if (!(lumbar >= 0 && lumbar <= 1)) {
            throw new IllegalArgumentException("lumbar must be 0..1: " + lumbar);
        }
        if (!(weightShift >= -1 && weightShift <= 1)) {
            throw new IllegalArgumentException("weight shift must be -1..1: " + weightShift);
        }
        if (!Double.isFinite(dxCm) || !Double.isFinite(dyCm) || !Double.isFinite(rotationDeg)
                || !Double.isFinite(breathPhase)) {
            throw new IllegalArgumentException("pose offsets must be finite");
        }
    }

    /** The posture in its default place with full load. */
    public static Pose of(Posture posture) {
        return new Pose(posture, 0, 0, 0, 1, 0, DEFAULT_LUMBAR, 0);
    }

    public Pose withPosture(Posture newPosture) {
        return new Pose(newPosture, dxCm, dyCm, rotationDeg, load, breathPhase, lumbar, weightShift);
    }

    public Pose moved(double dx, double dy, double rotDeg) {
        return new Pose(posture, dx, dy, rotDeg, load, breathPhase, lumbar, weightShift);
    }

    public Pose withLoad(double newLoad) {
        return new Pose(posture, dxCm, dyCm, rotationDeg, newLoad, breathPhase, lumbar, weightShift);
    }

    public Pose withLumbar(double newLumbar) {
        return new Pose(posture, dxCm, dyCm, rotationDeg, load, breathPhase, newLumbar, weightShift);
    }

    public Pose withWeightShift(double shift) {
        return new Pose(posture, dxCm, dyCm, rotationDeg, load, breathPhase, lumbar, shift);
    }

    public Pose withBreathPhase(double phase) {
        return new Pose(posture, dxCm, dyCm, rotationDeg, load, phase, lumbar, weightShift);
    }

    /**
     * The continuous parameters interpolated from this pose to {@code to} at t in 0..1; the
     * posture stays this one's (a change of posture is a blend of two renderings instead).
     */
    public Pose towards(Pose to, double t) {
        return new Pose(posture, lerp(dxCm, to.dxCm, t), lerp(dyCm, to.dyCm, t),
                lerp(rotationDeg, to.rotationDeg, t), lerp(load, to.load, t), breathPhase,
                lerp(lumbar, to.lumbar, t), lerp(weightShift, to.weightShift, t));
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
