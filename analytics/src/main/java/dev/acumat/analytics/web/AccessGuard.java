package dev.acumat.analytics.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who may use the web server (docs/WEB.md, "Access"). Runs before every request and before every
 * WebSocket upgrade.
 *
 * <ul>
 *   <li>With a token: every request but {@code /api/health} needs it, as
 *       {@code Authorization: Bearer TOKEN} or in the cookie that {@code ?token=TOKEN} on any
 *       page sets (HttpOnly, SameSite=Strict) before moving on to the same page without it.
 *       Without it: 401, JSON under {@code /api} and for {@code /metrics}, a short page
 *       elsewhere.</li>
 *   <li>Without a token (loopback only, {@link BindAddress}): the {@code Host} header must name
 *       this machine's loopback, so that a page whose DNS name was turned to 127.0.0.1 (DNS
 *       rebinding) cannot read the API in the browser of the person at the mat.</li>
 *   <li>A WebSocket upgrade from a browser must come from the server's own pages: its
 *       {@code Origin} must be the {@code Host} it was sent to (cross-site WebSocket
 *       hijacking); token or not.</li>
 * </ul>
 */
final class AccessGuard {
    static final String COOKIE = "acumat_token";
    static final String LOGIN_PARAMETER = "token";
    static final String OPEN_PATH = "/api/health";
    /** A login lasts as long as a month of daily sessions. */
    static final int COOKIE_MAX_AGE_S = 30 * 24 * 3600;

    private final AccessToken token;
    private final String bindHost;

    /**
     * @param token null for none (loopback only)
     * @param bindHost the host the server listens on, which the Host header may name too
     */
    AccessGuard(AccessToken token, String bindHost) {
        this.token = token;
        this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
    }

    void register(RoutesConfig routes) {
        routes.before(this::request);
        routes.wsBeforeUpgrade(ctx -> {
            checkOrigin(ctx.header("Origin"), ctx.header("Host"));
            request(ctx);
        });
    }

    private void request(Context ctx) {
        if (token == null) {
            if (!LocalNames.isLocal(ctx.header("Host"), bindHost)) {
                throw new ApiError(403, "Host: this server answers only to its loopback names");
            }
            return;
        }
        if (ctx.path().equals(OPEN_PATH)) {
            return;
        }
        List<String> login = loginValues(ctx.queryString());
        if (!login.isEmpty()) {
            login(ctx, login);
            return;
        }
        if (token.matches(bearer(ctx.header("Authorization"))) || token.matches(ctx.cookie(COOKIE))) {
            return;
        }
        refuse(ctx, "a token is needed: send Authorization: Bearer TOKEN, or open /?token=TOKEN once in the browser");
    }

    /**
     * {@code ?token=}: the cookie, and a page that moves on at once to the same address without
     * the token, so that the address bar and later Referers do not show it. A page, not a 303:
     * after a redirect that a link on another site started (a mail, a chat), the browser would
     * not send a SameSite=Strict cookie; after this page's own refresh it does.
     */
    private void login(Context ctx, List<String> given) {
        if (given.size() != 1 || !token.matches(given.get(0))) {
            refuse(ctx, "token: not this server's token");
            return;
        }
        // Behind a TLS proxy Jetty sees http; a forged header can only make the cookie stricter.
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.header("Set-Cookie", COOKIE + "=" + token.value() + "; Path=/; Max-Age=" + COOKIE_MAX_AGE_S
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        String next = html(withoutLogin(ctx.path(), ctx.queryString()));
        ctx.status(200).html("<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=\"0; url=" + next
                + "\"><title>acumat</title><p><a href=\"" + next + "\">Continue</a></p>");
        ctx.skipRemainingHandlers();
    }

    private static void refuse(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"acumat\"");
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
            throw new ApiError(401, message);
        }
        ctx.status(401).html("<!doctype html><meta charset=utf-8><title>acumat: token needed</title>"
                + "<p>This acumat server needs its access token. Open this page once as <code>"
                + "/?token=TOKEN</code>; the browser then keeps it for 30 days.</p>");
        ctx.skipRemainingHandlers();
    }

    /**
     * Refuses a browser's upgrade from another site's page. No Origin: not a browser, which
     * cannot be made to send the person's cookie, so the token check alone decides.
     */
    static void checkOrigin(String origin, String host) {
        if (origin == null) {
            return;
        }
        if (!LocalNames.sameAuthority(origin, host)) {
            throw new ApiError(403, "Origin: the live stream serves this server's own pages only");
        }
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    /** Text for an HTML attribute. */
    private static String html(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;").replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    /** Where a login leads: the same path and query without the token; never another site. */
    static String withoutLogin(String path, String query) {
        String safePath = path.startsWith("/") && !path.startsWith("//") && path.indexOf('\\') < 0 ? path : "/";
        List<String> kept = new ArrayList<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (!pair.isEmpty() && !isLogin(pair)) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? safePath : safePath + "?" + String.join("&", kept);
    }

    private static List<String> loginValues(String query) {
        List<String> values = new ArrayList<>();
        if (query == null) {
            return values;
        }
        for (String pair : query.split("&")) {
            if (isLogin(pair)) {
                int eq = pair.indexOf('=');
                values.add(eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return values;
    }

    private static boolean isLogin(String pair) {
        return pair.equals(LOGIN_PARAMETER) || pair.startsWith(LOGIN_PARAMETER + "=");
    }
}
