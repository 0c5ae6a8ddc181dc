package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import com.sun.net.httpserver.HttpServer;
import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.web.HistoryRoutes;
import dev.acumat.analytics.web.WebServer;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The InfluxDB credentials through every path that talks to the server, against one that refuses
 * them: no log line (at any level of ours), no exception message or stack trace, no HTTP answer
 * and no toString shows the password, the user name or the Basic header made of them.
 */
class CredentialsNotShownTest {
    private static final String USER = "writer-7f3a";
    private static final String PASSWORD = "pw-9c1e5b2d";

    @Test
    void refusedCredentialsLeaveNoTrace() throws Exception {
        HttpServer influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/", exchange -> {
            byte[] body = "{\"error\":\"authorization failed\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        influx.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("dev.acumat");
        Level before = ours.getLevel();
        ch.qos.logback.core.read.ListAppender<ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        ours.setLevel(Level.TRACE);
        List<String> shown = new ArrayList<>();
        try {
            InfluxCredentials credentials = InfluxCredentials.fromEnvironment(Map.of(
                    InfluxCredentials.USER_VARIABLE, USER, InfluxCredentials.PASSWORD_VARIABLE, PASSWORD)).orElseThrow();
            InfluxEndpoint endpoint = new InfluxEndpoint(URI.create("http://127.0.0.1:" + influx.getAddress().getPort()),
                    "acumat", credentials);
            shown.add(credentials.toString());
            shown.add(endpoint.toString());
            try (var client = endpoint.connect()) {
                shown.add(trace(catchThrowable(() -> new InfluxSetup(client, "acumat").ensure())));
            }
            InfluxWriter writer = new InfluxWriter(endpoint, InfluxWriter.Options.defaults().withRetry(
                    RetryPolicy.defaults().withGiveUpAfter(Duration.ZERO)));
            shown.add(trace(catchThrowable(() -> writer.write(List.of(
                    ContactPoint.of("mat-1", 1790000000000L, 0.5, 100, null, 10, 5, 1.0, 2.0, "supine"))))));
            try (HistoryQueries queries = new HistoryQueries(endpoint);
                 WebServer web = WebServer.start("127.0.0.1", 0, List.of(new HistoryRoutes(List::of, queries)))) {
                for (String path : new String[] {"/api/mats", "/api/sessions", "/api/sessions/mat-1.1790000000000"}) {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + web.port() + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(path).isBetween(500, 599);
                    shown.add(r.body());
                }
            }
        } finally {
            root.detachAppender(logs);
            ours.setLevel(before);
            influx.stop(0);
        }
        for (ILoggingEvent e : logs.list) {
            shown.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                shown.add(t.getMessage());
            }
        }
        assertThat(logs.list).as("the refusals were logged").isNotEmpty();
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String s : shown) {
            assertThat(s).doesNotContain(PASSWORD).doesNotContain(basic).doesNotContain(USER);
        }
    }

    /** What a thrown exception would show, stack trace and causes included; "" when none was thrown. */
    private static String trace(Throwable t) {
        if (t == null) {
            return "";
        }
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
