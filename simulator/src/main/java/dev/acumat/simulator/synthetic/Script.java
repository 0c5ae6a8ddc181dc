package dev.acumat.simulator.synthetic;

import dev.acumat.contract.Posture;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's time line: named phases, each a {@link Segment}. Built by following one body
 * through its moves, so each phase starts where the previous one ended.
 */
public final class Script {
    private final String name;
    private final List<Segment> segments;

    private Script(String name, List<Segment> segments) {
        this.name = name;
        this.segments = List.copyOf(segments);
    }

    public String name() {
        return name;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Total duration in seconds. */
    public double seconds() {
        double s = 0;
        for (Segment seg : segments) {
            s += seg.seconds();
        }
        return s;
    }

    /** Total frames at a rate. */
    public long frames(double hz) {
        long n = 0;
        for (Segment seg : segments) {
            n += seg.frames(hz);
        }
        return n;
    }

    /** A new script starting with nobody on the mat. */
    public static Builder builder(String name) {
        return new Builder(name, Pose.EMPTY);
    }

    /** A new script starting with the body already in {@code start}. */
    public static Builder builder(String name, Pose start) {
        return new Builder(name, start);
    }

    /** Appends phases, tracking the body's current pose. */
    public static final class Builder {
        private final String name;
        private final List<Segment> segments = new ArrayList<>();
        private Pose pose;

        private Builder(String name, Pose start) {
            this.name = name;
            this.pose = start;
        }

        /** The pose the next phase starts from. */
        public Pose pose() {
            return pose;
        }

        /** Keeps the current pose (or the empty mat) for a while. */
        public Builder hold(String phase, double seconds) {
            segments.add(new Segment(phase, seconds, pose, pose, Segment.Motion.STILL));
            return this;
        }

        /** Moves to another pose. */
        public Builder move(String phase, double seconds, Segment.Motion motion, Pose to) {
            segments.add(new Segment(phase, seconds, pose, to, motion));
            pose = to;
            return this;
        }

        /** A posture shift to another posture, keeping place, rotation and lumbar contact. */
        public Builder change(String phase, double seconds, Posture to) {
            return move(phase, seconds, Segment.Motion.SHIFT, pose.withPosture(to));
        }

        /** A small shift of the body to an absolute place and rotation. */
        public Builder shift(String phase, double seconds, double dx, double dy, double rotDeg, double lumbar) {
            return move(phase, seconds, Segment.Motion.SHIFT, pose.moved(dx, dy, rotDeg).withLumbar(lumbar));
        }

        /** Gets on into a pose, load rising from nothing. */
        public Builder getOn(String phase, double seconds, Pose to) {
            pose = to.withLoad(0);
            return move(phase, seconds, Segment.Motion.GET_ON, to);
        }

        /** Gets off from the current pose, load falling to nothing; the mat is then empty. */
        public Builder getOff(String phase, double seconds) {
            move(phase, seconds, Segment.Motion.GET_OFF, pose.withLoad(0));
            pose = Pose.EMPTY;
            return this;
        }

        /** A short lift: load dips to {@code load} for the middle half of {@code seconds}, then returns. */
        public Builder lift(String phase, double seconds, double load) {
            Pose back = pose;
            move(phase, seconds / 4, Segment.Motion.LIFT, pose.withLoad(load));
            move(phase, seconds / 2, Segment.Motion.LIFT, pose);
            return move(phase, seconds / 4, Segment.Motion.LIFT, back);
        }

        public Script build() {
            if (segments.isEmpty()) {
                throw new IllegalStateException("a script needs at least one phase");
            }
            return new Script(name, segments);
        }
    }
}
