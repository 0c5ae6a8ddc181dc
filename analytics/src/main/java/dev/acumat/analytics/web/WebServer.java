package dev.acumat.analytics.web;

import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.replay.KafkaFrameStore;
import dev.acumat.analytics.replay.SessionReplay;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.time.Time;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics' web server (Javalin): the live page at {@code /}, the history at
 * {@code /history}, their static files and charting library (a WebJar, served from the
 * application itself), and the JSON API under {@code /api}. Every error is JSON with a 4xx or
 * 5xx status; an unexpected one is logged and answered without its details.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** Starts on a loopback {@code host}:{@code port} (0 = a free port) without a token. */
    public static WebServer start(String host, int port, List<WebRoutes> groups) {
        return start(host, port, null, groups);
    }

    /**
     * Starts on {@code host}:{@code port} (0 = a free port) with the given route groups, every
     * request but the health check needing {@code token} when there is one ({@link AccessGuard}).
     *
     * @param token null for none: then {@code host} must be a loopback address ({@link BindAddress})
     */
    public static WebServer start(String host, int port, AccessToken token, List<WebRoutes> groups) {
        BindAddress.check("--http", host, token);
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = WebLimits.MAX_REQUEST_BYTES;
            WebLimits.apply(config.jetty);
            config.startup.showJavalinBanner = false;
            // Jetty answers some bad requests (a 10,000-character URL, broken escapes) before any
            // route runs: those answers are JSON too.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonJettyErrors()));
            config.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JsonJettyErrors()));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            // First, so that nothing below runs for a request it refuses.
            new AccessGuard(token, host).register(config.routes);
            config.routes.get("/", ctx -> ctx.html(Pages.read("/web/index.html", "/")));
            config.routes.get("/history", ctx -> ctx.html(Pages.read("/web/history.html", "/history")));
            config.routes.exception(ApiError.class, (e, ctx) -> {
                ctx.status(e.status());
                ctx.json(Map.of("error", e.getMessage(), "status", e.status()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
                ctx.status(500);
                ctx.json(Map.of("error", "internal error", "status", 500));
            });
            config.routes.error(404, "application/json", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(Map.of("error", "no such resource: " + ctx.path(), "status", 404));
                }
            });
            for (WebRoutes group : groups) {
                group.register(config.routes);
            }
        });
        app.start();
        log.info("web: http://{}:{}/{}", host.contains(":") ? "[" + host + "]" : host, app.port(),
                token == null ? "" : " (access token needed)");
        return new WebServer(app);
    }

    /** Every route group of the analytics' web server; {@code kafka} is the bootstrap the frames are read back from. */
    public static List<WebRoutes> routes(LiveFeed live, InfluxEndpoint influx, BooleanSupplier kafkaUp, String kafka) {
        return routes(live, influx, kafkaUp, kafka, MatSettings.NONE);
    }

    /** {@link #routes(LiveFeed, InfluxEndpoint, BooleanSupplier, String)}, past sessions read with the mats' settings. */
    public static List<WebRoutes> routes(LiveFeed live, InfluxEndpoint influx, BooleanSupplier kafkaUp, String kafka,
                                         MatSettings mats) {
        SessionReplay replay = new SessionReplay(new HistoryQueries(influx), new KafkaFrameStore(kafka),
                Time.SYSTEM, mats);
        return List.of(new LiveRoutes(live), new HealthRoutes(live, influx, kafkaUp, kafka), new HistoryRoutes(live, influx),
                new ReplayRoutes(replay), new MetricsRoutes());
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
