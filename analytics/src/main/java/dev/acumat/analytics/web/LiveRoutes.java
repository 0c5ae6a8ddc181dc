package dev.acumat.analytics.web;

import dev.acumat.contract.MatId;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live stream: a WebSocket at {@code /api/live?mat=ID}, a mat message and a status (the age
 * of the mat's last frame) first, then frames, and a status every few seconds (docs/WEB.md).
 * The browser reconnects by itself when the server restarts.
 */
final class LiveRoutes implements WebRoutes {
    private final LiveFeed feed;
    private final Map<String, LiveClient> clients = new ConcurrentHashMap<>();

    LiveRoutes(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.ws("/api/live", ws -> {
            ws.onConnect(ctx -> {
                String mat = ctx.queryParam("mat");
                if (!MatId.isValid(mat)) {
                    ctx.closeSession(4400, "mat: give a mat id of 1..64 characters of A-Z a-z 0-9 . _ : -");
                    return;
                }
                if (clients.size() >= WebLimits.MAX_LIVE_CLIENTS) {
                    ctx.closeSession(1013, "too many live viewers on this server; try again later");
                    return;
                }
                LiveClient client = new LiveClient(ctx.session, mat);
                clients.put(ctx.sessionId(), client);
                feed.watch(client);
                ctx.enableAutomaticPings();
            });
            ws.onClose(ctx -> drop(ctx.sessionId()));
            ws.onError(ctx -> drop(ctx.sessionId()));
        });
    }

    private void drop(String sessionId) {
        LiveClient c = clients.remove(sessionId);
        if (c != null) {
            feed.unwatch(c);
        }
    }
}
