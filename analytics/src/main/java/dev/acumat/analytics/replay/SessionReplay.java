package dev.acumat.analytics.replay;

import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.history.SessionDetail;
import dev.acumat.analytics.history.SessionId;
import dev.acumat.analytics.history.StoredSession;
import java.io.Writer;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored session's frames: the session from InfluxDB (its mat, start and end), its frames
 * from the {@link FrameStore}; where the session comes from is a {@link SessionLookup}. The export command and the web server's download share it.
 */
public final class SessionReplay {
    private final SessionLookup sessions;
    private final FrameStore frames;

    public SessionReplay(HistoryQueries queries, FrameStore frames, Clock clock) {
        this(id -> queries.session(id, clock.instant()).map(SessionDetail::session), frames);
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(clock, "clock");
    }

    public SessionReplay(SessionLookup sessions, FrameStore frames) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.frames = Objects.requireNonNull(frames, "frames");
    }

    /** The session, or empty when there is none of that id. */
    public Optional<StoredSession> session(SessionId id) {
        return sessions.session(id);
    }

    public FrameStore frames() {
        return frames;
    }

    /**
     * Writes the session's frames in the replay format, from its {@link SessionWindow}; returns
     * what was written (no frames: they are past the topic's retention, or were never recorded).
     */
    public ReplayWriter export(StoredSession session, Writer out) {
        ReplayWriter writer = new ReplayWriter(out, session.sessionId());
        SessionWindow w = SessionWindow.of(session);
        frames.read(session.mat(), w.fromMs(), w.toMs(), 1, writer);
        return writer;
    }
}
