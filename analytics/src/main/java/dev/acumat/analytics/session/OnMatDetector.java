package dev.acumat.analytics.session;

/**
 * Whether someone is on the mat, from the area of contact that presses like a body and the
 * load: on from {@link #ON_AREA_CM2}; off below {@link #OFF_AREA_CM2}, or with less than
 * {@link #RESIDUAL_SHARE} of the person's load left (hysteresis, so an area hovering near one
 * threshold does not flicker); a change only counts once it has held for
 * {@link #DEBOUNCE_MICROS} (so a hand brushing the mat, or a moment of lifting while turning,
 * is not a change).
 *
 * <p>The load rule is for a mat that does not return to empty when the person gets off: a
 * pillow, a fold of a topper or a few stuck cells keep some contact, which the area alone
 * would take for someone still on it, and the session would never end. What the person
 * weighed on the mat ({@link #personLoad}) is learnt while they lie on it.
 */
public final class OnMatDetector {
    /** A sitting person's buttocks or two feet cover several hundred cm2; a hand about 150. */
    public static final double ON_AREA_CM2 = 200;
    public static final double OFF_AREA_CM2 = 60;
    /** Less of the person's load than this is what they left behind. */
    public static final double RESIDUAL_SHARE = 0.25;
    public static final long DEBOUNCE_MICROS = 1_000_000;
    /** What is left when the person got off is settled when its load moved less than this share meanwhile. */
    static final double SETTLED_SHARE = 0.2;
    /** Time constant of the person's load: slow, so that a lift does not pull it down. */
    static final double PERSON_LOAD_TAU_S = 10;

    private final MatRules rules;
    private boolean on;
    private long candidateSince = -1;
    private double personLoad;
    private long lastMicros;
    /** The load when the pending change began. */
    private double candidateLoad;
    /** Set by the frame that turned the mat off (see {@link #leftSettled()}), until the next frame. */
    private boolean leftSettled;

    public OnMatDetector() {
        this(MatRules.STANDARD);
    }

    /** A detector whose areas are scaled for the mat ({@link MatRules#area}). */
    public OnMatDetector(MatRules rules) {
        this.rules = rules;
    }

    OnMatDetector(MatRules rules, boolean on, long candidateSince, double candidateLoad, double personLoad,
                  long lastMicros) {
        this.rules = rules;
        this.on = on;
        this.candidateSince = candidateSince;
        this.candidateLoad = candidateLoad;
        this.personLoad = personLoad;
        this.lastMicros = lastMicros;
    }

    /**
     * Takes a frame; returns the time the state changed (when the new state began, not when it
     * was confirmed), or -1 when it did not change with this frame.
     */
    public long observe(long timeMicros, double bodyAreaCm2, double load) {
        leftSettled = false;
        double onArea = rules.area(ON_AREA_CM2);
        if (on && bodyAreaCm2 >= onArea) {
            learnLoad(timeMicros, load);
        }
        lastMicros = timeMicros;
        boolean wantsChange = on ? bodyAreaCm2 < rules.area(OFF_AREA_CM2) || load < RESIDUAL_SHARE * personLoad
                : bodyAreaCm2 >= onArea;
        if (!wantsChange) {
            candidateSince = -1;
            return -1;
        }
        if (candidateSince < 0) {
            candidateSince = timeMicros;
            candidateLoad = load;
        }
        if (timeMicros - candidateSince >= DEBOUNCE_MICROS) {
            on = !on;
            long since = candidateSince;
            candidateSince = -1;
            leftSettled = !on && Math.abs(load - candidateLoad) <= SETTLED_SHARE * Math.max(candidateLoad, load);
            if (on) {
                personLoad = 0;  // someone else, perhaps: learnt afresh
            }
            return since;
        }
        return -1;
    }

    /**
     * Follows the person's load while they lie on the mat with a slow average, and only with
     * loads above half of it: a lift (the person pushing up to reposition) is not their weight.
     */
    private void learnLoad(long timeMicros, double load) {
        if (!(load > 0)) {
            return;
        }
        if (!(personLoad > 0)) {
            personLoad = load;
            return;
        }
        if (load < 0.5 * personLoad) {
            return;
        }
        double dt = Math.max(0, (timeMicros - lastMicros) / 1e6);
        personLoad += (1 - Math.exp(-dt / PERSON_LOAD_TAU_S)) * (load - personLoad);
    }

    public boolean on() {
        return on;
    }

    /**
     * Whether the frame that just turned the mat off shows what the person left behind at
     * rest: its load moved less than {@link #SETTLED_SHARE} since the person got off (hands
     * pushing up in a lift do not hold still).
     */
    public boolean leftSettled() {
        return leftSettled;
    }

    double candidateLoad() {
        return candidateLoad;
    }

    /** What the person on the mat weighs on it (the frames' load unit), 0 before it is known. */
    public double personLoad() {
        return personLoad;
    }

    long candidateSince() {
        return candidateSince;
    }

    long lastMicros() {
        return lastMicros;
    }
}
