package dev.acumat.analytics;

import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.analytics.session.SessionSummary;
import java.util.ArrayList;
import java.util.List;

/** The ended sessions and the posture shifts among a {@link MatAnalyzer}'s events, as tests and evaluations tally them. */
public class AnalyzerEvents {
    /** The sessions that ended, in order. */
    public final List<SessionSummary> sessions = new ArrayList<>();
    /** The shifts, in order. */
    public final List<SessionEvent.Shifted> shifts = new ArrayList<>();

    /** Keeps the ended sessions and the shifts of {@code events}; the other events are not tallied. */
    public void take(List<SessionEvent> events) {
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Ended end) {
                sessions.add(end.session());
            } else if (e instanceof SessionEvent.Shifted shift) {
                shifts.add(shift);
            }
        }
    }
}
