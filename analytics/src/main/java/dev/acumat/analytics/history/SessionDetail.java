package dev.acumat.analytics.history;

import java.util.List;

/**
 * One session with what happened during it: its contact over time, thinned to at most
 * {@link HistoryQueries#MAX_CONTACT_POINTS} points, and its posture shifts.
 *
 * @param contactSource {@code "raw"} (the contact points, kept 30 days), {@code "rollup"} (their
 *     one-minute means, for older sessions) or {@code "none"}
 * @param contactIntervalS the width of one contact sample: the mean over that many seconds
 */
public record SessionDetail(StoredSession session, String contactSource, long contactIntervalS,
                            List<ContactSample> contact, List<Shift> shifts) {
    public SessionDetail {
        contact = List.copyOf(contact);
        shifts = List.copyOf(shifts);
    }

    /** The means over one interval; a null value was not measured then (no lower back on the mat). */
    public record ContactSample(long timeMs, Double lowerBackCoverage, Double contactRatio, String posture) {
    }

    /** A posture shift; {@code copShiftCm} is null when absent. */
    public record Shift(long timeMs, String from, String to, Double copShiftCm) {
    }
}
