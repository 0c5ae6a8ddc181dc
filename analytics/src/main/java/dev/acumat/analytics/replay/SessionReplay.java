package dev.acumat.analytics.replay;

import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.history.SessionDetail;
import dev.acumat.analytics.history.SessionId;
import dev.acumat.analytics.history.StoredSession;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.time.Time;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored session's frames: the session from InfluxDB (its mat, start and end), its frames
 * from the {@link FrameStore}; where the session comes from is a {@link SessionLookup}. The export command and the web server's download share it.
 * The frames stay as the mat sent them; a mat's cell order (its own mat_layout's, or the one
 * {@link MatSettings} give it, which wins) goes into the export's header, so the file replays in
 * the canonical order.
 */
public final class SessionReplay {
    private final SessionLookup sessions;
    private final FrameStore frames;
    private final MatSettings settings;

    /** @param time gives "now", where a session still open ends */
    public SessionReplay(HistoryQueries queries, FrameStore frames, Time time) {
        this(queries, frames, time, MatSettings.NONE);
    }

    /** The sessions of InfluxDB, the frames of {@code frames}, each mat read with its {@code settings}. */
    public SessionReplay(HistoryQueries queries, FrameStore frames, Time time, MatSettings settings) {
        this(id -> queries.session(id, time.instant()).map(SessionDetail::session), frames, settings);
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(time, "time");
    }

    public SessionReplay(SessionLookup sessions, FrameStore frames) {
        this(sessions, frames, MatSettings.NONE);
    }

    public SessionReplay(SessionLookup sessions, FrameStore frames, MatSettings settings) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The session, or empty when there is none of that id. */
    public Optional<StoredSession> session(SessionId id) {
        return sessions.session(id);
    }

    public FrameStore frames() {
        return frames;
    }

    /** The settings the mats' frames are read with. */
    public MatSettings settings() {
        return settings;
    }

    /**
     * Writes the session's frames in the replay format, from its {@link SessionWindow}; returns
     * what was written (no frames: they are past the topic's retention, or were never recorded).
     */
    public ReplayWriter export(StoredSession session, Writer out) {
        ReplayWriter writer = new ReplayWriter(out, session.sessionId(), settings.order(session.mat()),
                layout -> settings.resolve(session.mat(), layout).order());
        SessionWindow w = SessionWindow.of(session);
        frames.read(session.mat(), w.fromMs(), w.toMs(), 1, writer);
        return writer;
    }

    /**
     * Hands the frames of {@code mat} with times in [{@code fromMs}, {@code toMs}] to
     * {@code export} and completes it; returns it (no frames: none kept in that range).
     */
    public <E extends FrameExport> E export(String mat, long fromMs, long toMs, E export) throws IOException {
        frames.read(mat, fromMs, toMs, 1, export);
        export.finish();
        return export;
    }
}
