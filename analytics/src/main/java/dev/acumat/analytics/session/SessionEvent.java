package dev.acumat.analytics.session;

/** What a mat's session logic reports: a session starting, progressing, ending, and shifts within it. */
public sealed interface SessionEvent {
    /** The frame time the event belongs to. */
    long timeMicros();

    record Started(SessionSummary session) implements SessionEvent {
        @Override
        public long timeMicros() {
            return session.startMicros();
        }
    }

    /** The running totals, every {@link SessionTracker#UPDATE_MICROS} of frame time. */
    record Updated(SessionSummary session) implements SessionEvent {
        @Override
        public long timeMicros() {
            return session.lastMicros();
        }
    }

    record Ended(SessionSummary session) implements SessionEvent {
        @Override
        public long timeMicros() {
            return session.endMicros();
        }
    }

    record Shifted(String sessionId, ShiftDetector.Shift shift) implements SessionEvent {
        @Override
        public long timeMicros() {
            return shift.timeMicros();
        }
    }
}
