package dev.acumat.servers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Waits until a starting influxd answers, and makes sure its admin user exists: plain JDK HTTP,
 * so this module needs no InfluxDB client.
 */
final class InfluxReadiness {
    /** Throws when waiting is pointless: the process died, or the deadline passed. */
    @FunctionalInterface
    interface Progress {
        void check() throws IOException;
    }

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final String url;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(REQUEST_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    InfluxReadiness(String url, Progress progress) {
        this.url = url;
        this.progress = progress;
    }

    /** Polls {@code GET /ping} until it answers 204. */
    void awaitPing() throws IOException, InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(REQUEST_TIMEOUT).GET().build();
        while (true) {
            progress.check();
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Makes sure {@code user} exists as an admin with {@code password}: influxd 1.x lets an
     * unauthenticated client create the first admin user, and nothing else, while auth is on.
     */
    void ensureAdmin(String user, String password) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> check = query("SHOW USERS", basic);
        if (check.statusCode() == 200 && !check.body().contains("\"error\"")) {
            return;
        }
        String create = "CREATE USER " + identifier(user) + " WITH PASSWORD " + stringLiteral(password)
                + " WITH ALL PRIVILEGES";
        HttpResponse<String> created = query(create, null);
        if (created.statusCode() != 200 || created.body().contains("\"error\"")) {
            String answer = created.body().trim();
            if (!password.isEmpty()) {
                answer = answer.replace(password, "***");
            }
            throw new IOException("influxd at " + url + " has users, but not admin " + user
                    + " with the given password (HTTP " + check.statusCode() + "; creating it: HTTP "
                    + created.statusCode() + " " + answer + ")");
        }
    }

    private HttpResponse<String> query(String statement, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/query"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An InfluxQL double-quoted identifier. */
    static String identifier(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An InfluxQL single-quoted string literal. */
    static String stringLiteral(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
