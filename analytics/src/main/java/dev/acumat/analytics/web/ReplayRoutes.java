package dev.acumat.analytics.web;

import dev.acumat.analytics.history.HistoryParams;
import dev.acumat.analytics.history.SessionId;
import dev.acumat.analytics.history.StoredSession;
import dev.acumat.analytics.replay.FrameStoreException;
import dev.acumat.analytics.replay.ReplayWriter;
import dev.acumat.analytics.replay.SessionReplay;
import dev.acumat.analytics.replay.SessionWindow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A past session again (docs/WEB.md): the player page {@code /player?session=ID}, the session's
 * frames in bounded pieces ({@code /api/sessions/{id}/frames}, binary like the live stream, JSON
 * or the replay format) and the whole session as a download in the replay format
 * ({@code /api/sessions/{id}/export}).
 */
public final class ReplayRoutes implements WebRoutes {
    private static final Logger log = LoggerFactory.getLogger(ReplayRoutes.class);
    /** At most this many frames an answer: two minutes at 25 Hz. */
    static final int MAX_FRAMES = 3000;
    /** And at most about this many bytes (a 128 x 128 mat's frames are 16 KB each). */
    static final int MAX_BYTES = 16 << 20;
    static final int MAX_EVERY = 1000;
    private static final List<String> FRAME_PARAMS = List.of("from", "to", "every", "format");
    private static final List<String> FORMATS = List.of("binary", "json", "replay");

    private final SessionReplay replay;

    public ReplayRoutes(SessionReplay replay) {
        this.replay = Objects.requireNonNull(replay, "replay");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/player", ctx -> ctx.html(Pages.read("/web/player.html", "/player")));
        routes.get("/api/sessions/{id}/frames", ctx -> HistoryRoutes.answer(ctx, () -> frames(ctx)));
        routes.get("/api/sessions/{id}/export", ctx -> HistoryRoutes.answer(ctx, () -> export(ctx)));
    }

    private void frames(Context ctx) {
        Map<String, String> q = params(ctx, FRAME_PARAMS);
        StoredSession s = session(ctx);
        SessionWindow w = SessionWindow.of(s);
        long from = time("from", q.get("from"), w, w.fromMs());
        long to = time("to", q.get("to"), w, w.toMs());
        if (to < from) {
            throw ApiError.badRequest("to: before from");
        }
        int every = HistoryParams.limit("every", q.get("every"), 1, MAX_EVERY);
        String format = q.getOrDefault("format", "binary");
        if (!FORMATS.contains(format)) {
            throw ApiError.badRequest("format: binary, json or replay, got " + HistoryParams.echo(format));
        }
        if (format.equals("replay")) {
            StringWriter text = new StringWriter();
            ReplayWriter writer = new ReplayWriter(text, s.sessionId(), replay.settings().order(s.mat()));
            Bounded bounded = new Bounded(writer, MAX_FRAMES);
            read(s, from, to, every, bounded);
            moreHeaders(ctx, bounded.more(), bounded.nextFromMs());
            ctx.contentType("text/plain; charset=us-ascii");
            ctx.result(text.toString());
            return;
        }
        PlaybackEncoder encoder = new PlaybackEncoder(format.equals("json"), MAX_FRAMES, MAX_BYTES,
                replay.settings().order(s.mat()), replay.settings(), s.mat());
        read(s, from, to, every, encoder);
        byte[] body = encoder.finish();
        moreHeaders(ctx, encoder.more(), encoder.nextFromMs());
        ctx.header("Acumat-Frames", String.valueOf(encoder.frames()));
        ctx.contentType(format.equals("json") ? "application/json" : "application/octet-stream");
        ctx.result(body);
    }

    /** The whole session, streamed as it is read: a 20-minute session is about 40 MB of text. */
    private void export(Context ctx) {
        params(ctx, List.of());
        StoredSession s = session(ctx);
        ctx.contentType("text/plain; charset=us-ascii");
        ctx.header("Content-Disposition", "attachment; filename=\"acumat-" + s.sessionId().replace(':', '_')
                + ".txt\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.US_ASCII),
                1 << 16)) {
            ReplayWriter w = replay.export(s, out);
            if (w.frames() == 0) {
                log.info("export of {}: no frames kept", s.sessionId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FrameStoreException e) {
            // Part of the answer may be gone already: the download ends short, and the log says why.
            log.warn("export of {}: {}", s.sessionId(), e.getMessage());
        }
    }

    private void read(StoredSession s, long from, long to, int every, dev.acumat.analytics.replay.FrameVisitor v) {
        try {
            replay.frames().read(s.mat(), from, to, every, v);
        } catch (FrameStoreException e) {
            log.warn("frames of {}: {}", s.sessionId(), e.getMessage());
            throw new ApiError(503, "Kafka is not reachable");
        }
    }

    private static void moreHeaders(Context ctx, boolean more, long nextFromMs) {
        ctx.header("Acumat-More", String.valueOf(more));
        if (more) {
            ctx.header("Acumat-Next-From", String.valueOf(nextFromMs));
        }
    }

    private StoredSession session(Context ctx) {
        String id = ctx.pathParam("id");
        SessionId sid = HistoryParams.sessionId("id", id);
        return replay.session(sid).orElseThrow(() -> ApiError.notFound("id: no session " + HistoryParams.echo(id)));
    }

    /** A time in epoch ms within the session's window (a little before its start to a little after its end). */
    static long time(String name, String value, SessionWindow w, long fallback) {
        if (value == null) {
            return fallback;
        }
        long ms;
        try {
            ms = Long.parseLong(HistoryParams.present(name, value));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + ": epoch milliseconds, got " + HistoryParams.echo(value));
        }
        if (!w.contains(ms)) {
            throw ApiError.badRequest(name + ": " + ms + " is outside the session's frames, " + w.fromMs() + ".."
                    + w.toMs());
        }
        return ms;
    }

    private static Map<String, String> params(Context ctx, List<String> allowed) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : HistoryRoutes.parameters(ctx.queryString()).entrySet()) {
            if (!allowed.contains(p.getKey())) {
                throw ApiError.badRequest("unknown parameter " + HistoryParams.echo(p.getKey()) + "; "
                        + ctx.path() + (allowed.isEmpty() ? " takes none" : " takes " + String.join(", ", allowed)));
            }
            if (p.getValue().size() != 1) {
                throw ApiError.badRequest(p.getKey() + ": given more than once");
            }
            p.getValue().forEach(v -> out.put(p.getKey(), HistoryParams.present(p.getKey(), v)));
        }
        return out;
    }
}
