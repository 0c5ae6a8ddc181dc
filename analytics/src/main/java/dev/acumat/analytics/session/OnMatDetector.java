package dev.acumat.analytics.session;

/**
 * Whether someone is on the mat, from the area in contact: on above {@link #ON_AREA_CM2}, off
 * below {@link #OFF_AREA_CM2} (hysteresis, so an area hovering near one threshold does not
 * flicker), and a change only counts once it has held for {@link #DEBOUNCE_MICROS} (so a
 * hand brushing the mat, or a moment of lifting while turning, is not a change).
 */
public final class OnMatDetector {
    /** A sitting person's buttocks or two feet cover several hundred cm2; a hand about 150. */
    public static final double ON_AREA_CM2 = 200;
    public static final double OFF_AREA_CM2 = 60;
    public static final long DEBOUNCE_MICROS = 1_000_000;

    private boolean on;
    private long candidateSince = -1;

    public OnMatDetector() {
    }

    OnMatDetector(boolean on, long candidateSince) {
        this.on = on;
        this.candidateSince = candidateSince;
    }

    /**
     * Takes a frame; returns the time the state changed (when the new state began, not when it
     * was confirmed), or -1 when it did not change with this frame.
     */
    public long observe(long timeMicros, double contactAreaCm2) {
        boolean wantsChange = on ? contactAreaCm2 < OFF_AREA_CM2 : contactAreaCm2 >= ON_AREA_CM2;
        if (!wantsChange) {
            candidateSince = -1;
            return -1;
        }
        if (candidateSince < 0) {
            candidateSince = timeMicros;
        }
        if (timeMicros - candidateSince >= DEBOUNCE_MICROS) {
            on = !on;
            long since = candidateSince;
            candidateSince = -1;
            return since;
        }
        return -1;
    }

    public boolean on() {
        return on;
    }

    long candidateSince() {
        return candidateSince;
    }
}
