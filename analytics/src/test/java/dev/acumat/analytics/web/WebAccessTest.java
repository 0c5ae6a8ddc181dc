package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The web server's access rules against a real server on 127.0.0.1: a token given on loopback
 * is enforced exactly as on any other address (the same {@link AccessGuard}), so these requests
 * take the path a remote browser or script would.
 */
class WebAccessTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final List<String> HOSTILE = List.of("", " ", "'", "\"", ";", "a;b", TOKEN + "'", TOKEN + " x",
            "/.*/", TOKEN.substring(1), TOKEN.toUpperCase(java.util.Locale.ROOT), "\u00e4" + TOKEN, "${jndi:x}",
            "x".repeat(4000), "Bearer", "%00", TOKEN + "%00", TOKEN + "\u00a0");

    private WebServer web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private RawHttp start(AccessToken token) {
        WebRoutes test = routes -> {
            routes.get("/api/echo", ctx -> ctx.json(Map.of("ok", true)));
            routes.get(AccessGuard.OPEN_PATH, ctx -> ctx.json(Map.of("status", "ok")));
            routes.ws("/api/live", ws -> ws.onConnect(ctx -> ctx.send("hello")));
        };
        web = WebServer.start("127.0.0.1", 0, token, List.of(test, new MetricsRoutes()));
        return new RawHttp(web.port());
    }

    @Test
    void withoutATokenOnlyLoopbackNamesAreAnswered() throws Exception {
        RawHttp http = start(null);
        int port = web.port();
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "127.1.2.3:" + port,
            "[::1]:" + port, "app.localhost:" + port}) {
            assertThat(http.get("/api/echo", Map.of("Host", host)).status()).as(host).isEqualTo(200);
        }
        // A page of evil.example whose name now resolves to 127.0.0.1 (DNS rebinding) sends its own name.
        for (String host : new String[] {"evil.example:" + port, "127.0.0.1.evil.example", "localhost.evil.example",
            "", "[::1", "127.0.0.1:99999", "10.0.0.1:" + port}) {
            RawHttp.Answer a = http.get("/api/echo", Map.of("Host", host));
            assertThat(a.status()).as(host).isBetween(400, 403);
            assertThat(a.isJson()).as(host).isTrue();
        }
        assertThat(http.get("/", Map.of("Host", "evil.example")).status()).isEqualTo(403);
    }

    @Test
    void aNonLoopbackAddressWithoutATokenIsRefusedAtStart() {
        assertThatThrownBy(() -> WebServer.start("0.0.0.0", 0, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--http: 0.0.0.0 is not a loopback")
                .hasMessageContaining("ACUMAT_HTTP_TOKEN");
        assertThatThrownBy(() -> BindAddress.check("--http", "", null)).hasMessageContaining("--http");
        assertThatThrownBy(() -> BindAddress.check("--http", "no-such-host.invalid", null))
                .hasMessageContaining("--http: unknown host");
        for (String loopback : new String[] {"127.0.0.1", "127.0.0.2", "localhost", "::1"}) {
            BindAddress.check("--http", loopback, null);
        }
        BindAddress.check("--http", "0.0.0.0", AccessToken.of("t", TOKEN));
    }

    @Test
    void theApiNeedsTheTokenAsBearerOrCookie() throws Exception {
        RawHttp http = start(AccessToken.of("test", TOKEN));
        RawHttp.Answer none = http.get("/api/echo", Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.isJson()).isTrue();
        assertThat(none.body()).contains("\"status\":401").doesNotContain(TOKEN);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(http.get("/api/echo", Map.of("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(200);
        assertThat(http.get("/api/echo", Map.of("Authorization", "bearer " + TOKEN)).status()).isEqualTo(200);
        assertThat(http.get("/api/echo", Map.of("Cookie", "a=b; acumat_token=" + TOKEN)).status()).isEqualTo(200);
        assertThat(http.get("/metrics", Map.of()).status()).isEqualTo(401);
        assertThat(http.get("/static/live.js", Map.of()).status()).isEqualTo(401);
        assertThat(http.get("/api/nothing-here", Map.of()).status()).as("no hint of what exists").isEqualTo(401);
        // Health probes stay open; with a token the Host header may be any name (the token decides).
        assertThat(http.get("/api/health", Map.of()).status()).isEqualTo(200);
        assertThat(http.get("/api/echo", Map.of("Host", "acumat.example.net", "Authorization", "Bearer " + TOKEN))
                .status()).isEqualTo(200);
    }

    @Test
    void theLoginLinkSetsAStrictCookieAndRedirectsWithoutTheToken() throws Exception {
        RawHttp http = start(AccessToken.of("test", TOKEN));
        RawHttp.Answer page = http.get("/history?mat=mat-1", Map.of());
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("?token=");

        RawHttp.Answer login = http.get("/history?mat=mat-1&token=" + TOKEN + "&from=7d", Map.of());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<meta http-equiv=refresh content=\"0; url=/history?mat=mat-1&amp;from=7d\">")
                .doesNotContain(TOKEN);
        assertThat(login.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        assertThat(login.header("Set-Cookie")).startsWith("acumat_token=" + TOKEN + ";").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/").doesNotContain("Secure");
        assertThat(http.get("/history?mat=mat-1&from=7d", Map.of("Cookie", "acumat_token=" + TOKEN)).status())
                .isEqualTo(200);
        assertThat(http.get("/?token=" + TOKEN, Map.of("X-Forwarded-Proto", "https")).header("Set-Cookie"))
                .as("behind a TLS proxy").contains("; Secure");
        assertThat(http.get("/static/live.js", Map.of("Cookie", "acumat_token=" + TOKEN)).status()).isEqualTo(200);
        assertThat(http.get("//evil.example/?token=" + TOKEN, Map.of()).body()).contains("url=/\"");
        assertThat(http.get("/?token=" + TOKEN + "&x=%22%3E%3Cscript%3E", Map.of()).body()).doesNotContain("<script>");
        assertThat(http.get("/?token=" + TOKEN + "&token=" + TOKEN, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void wrongAndHostileTokensGetA401NeverMore() throws Exception {
        RawHttp http = start(AccessToken.of("test", TOKEN));
        for (String bad : HOSTILE) {
            String header = bad.replaceAll("[\\r\\n]", "");
            for (Map<String, String> h : List.of(Map.of("Authorization", "Bearer " + header),
                    Map.of("Cookie", "acumat_token=" + header))) {
                RawHttp.Answer a = http.get("/api/echo", h);
                assertThat(a.status()).as("%s", h).isIn(400, 401, 431);
                assertThat(a.isJson()).as("%s", h).isTrue();
            }
            String encoded = java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(http.get("/?token=" + encoded, Map.of()).status()).as(bad).isIn(400, 401, 414);
        }
    }

    @Test
    void theLiveStreamNeedsTheTokenAndTheServersOwnOrigin() throws Exception {
        RawHttp http = start(AccessToken.of("test", TOKEN));
        String origin = "http://127.0.0.1:" + web.port();
        Map<String, String> cookie = Map.of("Cookie", "acumat_token=" + TOKEN, "Origin", origin);
        assertThat(http.upgrade("/api/live?mat=m", cookie).status()).isEqualTo(101);
        assertThat(http.upgrade("/api/live?mat=m", Map.of("Authorization", "Bearer " + TOKEN)).status())
                .as("a script: no Origin").isEqualTo(101);
        RawHttp.Answer noToken = http.upgrade("/api/live?mat=m", Map.of("Origin", origin));
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.isJson()).isTrue();
        // Another site's page, in a browser that holds the cookie: cross-site WebSocket hijacking.
        for (String other : new String[] {"http://evil.example", "http://127.0.0.1:" + (web.port() + 1), "null",
            "https://127.0.0.1:" + web.port() + ".evil.example", "file://", "http://127.0.0.1:" + web.port() + "/x"}) {
            RawHttp.Answer a = http.upgrade("/api/live?mat=m", Map.of("Cookie", "acumat_token=" + TOKEN,
                    "Origin", other));
            assertThat(a.status()).as(other).isEqualTo(403);
        }
    }

    @Test
    void theOriginIsCheckedOnLoopbackWithoutATokenToo() throws Exception {
        RawHttp http = start(null);
        assertThat(http.upgrade("/api/live?mat=m", Map.of("Origin", "http://127.0.0.1:" + web.port())).status())
                .isEqualTo(101);
        assertThat(http.upgrade("/api/live?mat=m", Map.of("Origin", "http://evil.example")).status()).isEqualTo(403);
        assertThat(http.upgrade("/api/live?mat=m", Map.of("Origin", "http://evil.example:" + web.port(),
                "Host", "evil.example:" + web.port())).status()).as("DNS rebinding").isEqualTo(403);
    }

    @Test
    void oversizedHeadersAndWebSocketMessagesAreRefused() throws Exception {
        RawHttp http = start(null);
        RawHttp.Answer big = http.get("/api/echo", Map.of("X-Padding", "x".repeat(20_000)));
        assertThat(big.status()).isEqualTo(431);
        assertThat(big.body()).contains("request headers too large");

        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + web.port() + "/api/live?mat=m"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("x".repeat((int) WebLimits.MAX_WS_MESSAGE_BYTES + 1), true);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void hostileMatIdsOnTheLiveStreamAreClosedWith4400() throws Exception {
        try (LiveFeed feed = new LiveFeed("127.0.0.1:1")) {  // never polled: no broker needed
            web = WebServer.start("127.0.0.1", 0, null, List.of(new LiveRoutes(feed)));
            HttpClient client = HttpClient.newHttpClient();
            for (String mat : new String[] {"", "'", "mat-1'; DROP DATABASE acumat", "/.*/", "mat-.*", "m".repeat(65),
                "m\u00e4t", "\ud83d\ude00", "mat-1\nmat-2", "<script>", "${jndi:x}", "%00", "x".repeat(3000)}) {
                CompletableFuture<Integer> closed = new CompletableFuture<>();
                String uri = "ws://127.0.0.1:" + web.port() + "/api/live?mat="
                        + java.net.URLEncoder.encode(mat, java.nio.charset.StandardCharsets.UTF_8);
                client.newWebSocketBuilder().buildAsync(URI.create(uri), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
                assertThat(closed.get(10, TimeUnit.SECONDS)).as(mat).isEqualTo(4400);
            }
        }
    }

    @Test
    void theTokenIsNeverLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("dev.acumat");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ours.setLevel(Level.TRACE);
        try {
            RawHttp http = start(AccessToken.of("test", TOKEN));
            http.get("/?token=" + TOKEN, Map.of());
            http.get("/?token=" + TOKEN + "x", Map.of());
            http.get("/api/echo", Map.of("Authorization", "Bearer " + TOKEN + "x"));
            http.get("/api/sessions/" + TOKEN, Map.of("Authorization", "Bearer " + TOKEN));
            http.upgrade("/api/live?mat=" + TOKEN, Map.of("Cookie", "acumat_token=" + TOKEN, "Origin", "http://x"));
            web.close();
            web = null;
        } finally {
            root.detachAppender(logs);
            ours.setLevel(before);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(TOKEN);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(TOKEN);
            }
        }
        assertThat(AccessToken.of("test", TOKEN).toString()).doesNotContain(TOKEN);
    }
}
