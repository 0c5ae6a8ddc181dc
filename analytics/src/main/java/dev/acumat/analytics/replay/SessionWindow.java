package dev.acumat.analytics.replay;

import dev.acumat.analytics.history.StoredSession;
import dev.acumat.analytics.session.SessionTracker;

/**
 * The stretch of frames that belongs to a session: from a little before its start (the empty
 * mat, which an offline analysis needs to learn its baseline) to a little after its end (the
 * grace period after which the analytics saw the person gone), so that {@code acumat analyze}
 * of an export finds the same session the live run did.
 */
public record SessionWindow(long fromMs, long toMs) {
    /** Empty mat before the start: the baseline settles within about 50 frames. */
    public static final long BEFORE_MS = 10_000;
    /** After the end: the grace period, and some frames to end the session on. */
    public static final long AFTER_MS = SessionTracker.GRACE_MICROS / 1000 + 5_000;

    public static SessionWindow of(StoredSession s) {
        return new SessionWindow(s.startMs() - BEFORE_MS, s.endMs() + AFTER_MS);
    }

    public boolean contains(long ms) {
        return ms >= fromMs && ms <= toMs;
    }
}
