package dev.acumat.analytics.session;

import dev.acumat.contract.Posture;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Posture shifts: the body settles, moves, and settles again in another posture (having
 * moved its centre of pressure at least {@link #MOVE_CM}) or with its centre of pressure more
 * than {@link #SHIFT_CM} away. Settled means {@link #SETTLE_MICROS} of frames whose centre of
 * pressure stays within {@link #STILL_CM} of their mean and whose posture is the same in
 * {@link #POSTURE_AGREEMENT} of them. Breathing moves the centre of pressure by millimetres and
 * sensor noise by less, so neither settles somewhere new; and a posture that changes while
 * the body does not move is the classifier changing its mind, not a shift (the new posture is
 * taken as the reference, silently). Across a lift (the load falling below {@link #LIFT_SHARE}
 * of the settled load: the person pushes up, or gets off for a moment, to reposition) only the
 * posture is compared: lying back down a little elsewhere is not a shift, coming back on the
 * other side is. Nothing is compared before the first settled state, so getting on is not a
 * shift.
 */
public final class ShiftDetector {
    public static final double SHIFT_CM = 2.5;
    /** A change of posture counts when the centre of pressure moved at least this far with it. */
    public static final double MOVE_CM = 1.5;
    public static final double STILL_CM = 1.0;
    public static final long SETTLE_MICROS = 2_000_000;
    public static final double POSTURE_AGREEMENT = 0.8;
    public static final double LIFT_SHARE = 0.5;

    /** A shift: when the movement began, the postures before and after, and how far the centre of pressure moved. */
    public record Shift(long timeMicros, long settledMicros, Posture from, Posture to, double copShiftCm) {
    }

    /** One frame in the settling window: its time, centre of pressure and posture. */
    public record Sample(long time, double x, double y, Posture posture) {
    }

    private static final Posture[] POSTURES = Posture.values();
    /** Below this square distance a sample is within {@link #STILL_CM} whatever the rounding. */
    private static final double SURELY_STILL_SQ = 0.998 * STILL_CM * STILL_CM;

    private final ArrayDeque<Sample> window = new ArrayDeque<>();
    private final int[] postureCounts = new int[POSTURES.length];
    private boolean settled;
    private Posture settledPosture;
    private double settledX;
    private double settledY;
    private double settledLoad;
    private boolean lifted;
    /** The next settled state is compared with the one before a lift: by posture only. */
    private boolean acrossLift;
    private long movingSince = -1;

    /** Takes a frame of someone on the mat; returns a shift when this frame completes one, else null. */
    public Shift observe(long timeMicros, double copX, double copY, Posture posture, double load) {
        if (Double.isNaN(copX) || Double.isNaN(copY)) {
            return null;
        }
        if (settled && load < LIFT_SHARE * settledLoad) {
            // Lifting: what follows is compared with nothing before it.
            window.clear();
            lifted = true;
            movingSince = -1;
            return null;
        }
        window.addLast(new Sample(timeMicros, copX, copY, posture));
        while (timeMicros - window.peekFirst().time() > SETTLE_MICROS) {
            window.removeFirst();
        }
        if (settled && movingSince < 0 && departs(copX, copY, posture)) {
            movingSince = timeMicros;
        }
        if (timeMicros - window.peekFirst().time() < SETTLE_MICROS * 9 / 10) {
            return null;  // not yet a full window of this position
        }
        Posture majority = majority();
        if (majority == null) {
            return null;
        }
        double mx = meanX();
        double my = meanY();
        if (!still(mx, my)) {
            return null;
        }
        Shift shift = null;
        if (lifted) {
            acrossLift = settled;
            lifted = false;
        }
        if (settled) {
            double moved = Math.hypot(mx - settledX, my - settledY);
            boolean turned = majority != settledPosture;
            if (acrossLift ? turned : (turned && moved >= MOVE_CM) || moved > SHIFT_CM) {
                long began = movingSince >= 0 ? movingSince : window.peekFirst().time();
                shift = new Shift(began, timeMicros, settledPosture, majority, moved);
            } else {
                movingSince = -1;  // at rest near where it settled: whatever moved before was no shift
                settledPosture = majority;  // still where it was: the classifier changed its mind
                if (acrossLift) {
                    settledX = mx;
                    settledY = my;
                    settledLoad = load;
                }
            }
            acrossLift = false;
        }
        if (!settled || shift != null) {
            settled = true;
            settledPosture = majority;
            settledX = mx;
            settledY = my;
            settledLoad = load;
            movingSince = -1;
        }
        return shift;
    }

    /** Forgets the settled position: what follows is not compared with before (a new session). */
    public void reset() {
        window.clear();
        settled = false;
        lifted = false;
        acrossLift = false;
        movingSince = -1;
    }

    /** The person was off the mat for a moment: what follows is compared with before by posture only. */
    public void lifted() {
        window.clear();
        lifted = settled || lifted;
        movingSince = -1;
    }

    private boolean departs(double x, double y, Posture p) {
        return p != settledPosture || Math.hypot(x - settledX, y - settledY) > STILL_CM;
    }

    private boolean still(double mx, double my) {
        for (Sample s : window) {
            double dx = s.x() - mx;
            double dy = s.y() - my;
            // hypot is exact to an ulp, the plain square to a few: a sample well inside needs
            // no hypot (a frame's most costly call, once per sample of the window), and
            // one near the edge gets the same answer from it as before.
            if (dx * dx + dy * dy > SURELY_STILL_SQ && Math.hypot(dx, dy) > STILL_CM) {
                return false;
            }
        }
        return true;
    }

    private Posture majority() {
        int[] counts = postureCounts;
        Arrays.fill(counts, 0);
        for (Sample s : window) {
            counts[s.posture().ordinal()]++;
        }
        for (Posture p : POSTURES) {
            if (counts[p.ordinal()] >= POSTURE_AGREEMENT * window.size()) {
                return p;
            }
        }
        return null;
    }

    private double meanX() {
        double sum = 0;
        for (Sample s : window) {
            sum += s.x();
        }
        return sum / window.size();
    }

    private double meanY() {
        double sum = 0;
        for (Sample s : window) {
            sum += s.y();
        }
        return sum / window.size();
    }

    /**
     * Everything a restarted detector needs to decide as this one would have: the settled
     * reference and the window of the last {@link #SETTLE_MICROS}, so a shift under way across a
     * restart is still seen, and seen once.
     */
    public State state() {
        return new State(List.copyOf(window), settled, settledPosture, settledX, settledY, settledLoad, lifted,
                acrossLift, movingSince);
    }

    void restore(State s) {
        window.clear();
        window.addAll(s.window());
        settled = s.settled();
        settledPosture = s.settledPosture();
        settledX = s.settledX();
        settledY = s.settledY();
        settledLoad = s.settledLoad();
        lifted = s.lifted();
        acrossLift = s.acrossLift();
        movingSince = s.movingSince();
    }

    /** A detector's state (see {@link #state()}); {@code settledPosture} is null until it first settles. */
    public record State(List<Sample> window, boolean settled, Posture settledPosture, double settledX, double settledY,
                        double settledLoad, boolean lifted, boolean acrossLift, long movingSince) {
        public State {
            window = List.copyOf(window);
        }

        /** A detector that has seen nothing. */
        public static State initial() {
            return new ShiftDetector().state();
        }
    }
}
