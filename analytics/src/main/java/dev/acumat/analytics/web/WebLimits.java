package dev.acumat.analytics.web;

import io.javalin.config.JettyConfig;
import org.eclipse.jetty.server.NetworkConnectionLimit;

/**
 * How much one client may ask of the web server. The API takes only small GETs and the live
 * stream only sends, so every bound is far above what the pages use and far below what would
 * hurt the analytics beside it. Past a bound: 413, 414 or 431 from Jetty (as JSON,
 * {@link JsonJettyErrors}), a WebSocket closed with 1009 (message too big) or 1013 (try again
 * later), or a connection left waiting until one closes.
 */
final class WebLimits {
    /** Request body (Javalin reads none but refuses larger ones where it would). */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** The request line and headers together (Jetty's default, set so that it stays). */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** What a browser may send on the live stream: it has nothing to say but pings. */
    static final long MAX_WS_MESSAGE_BYTES = 1024;
    /** Live viewers at once; each costs a copy of every frame of its mat. */
    static final int MAX_LIVE_CLIENTS = 256;
    /** Open connections at once; more wait in the kernel's backlog. */
    static final int MAX_CONNECTIONS = 1024;

    private WebLimits() {
    }

    static void apply(JettyConfig jetty) {
        jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
            http.setSendServerVersion(false);
        });
        jetty.modifyServer(server -> server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server)));
        jetty.modifyWebSocketServletFactory(ws -> {
            ws.setMaxTextMessageSize(MAX_WS_MESSAGE_BYTES);
            ws.setMaxBinaryMessageSize(MAX_WS_MESSAGE_BYTES);
            ws.setMaxFrameSize(MAX_WS_MESSAGE_BYTES);
        });
    }
}
