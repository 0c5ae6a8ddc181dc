package dev.acumat.analytics.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Requests to the web server as a browser or a script would make them, and their answers. */
public final class HistoryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Answer(int status, String contentType, String disposition, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + ", " + contentType + "): " + body, e);
            }
        }

        public boolean isJson() {
            return contentType != null && contentType.startsWith("application/json");
        }
    }

    private final int port;
    private final String bearer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HistoryHttp(int port) {
        this(port, null);
    }

    /** Sending {@code Authorization: Bearer TOKEN} with every request ({@code token} null: none). */
    public HistoryHttp(int port, String token) {
        this.port = port;
        this.bearer = token;
    }

    /** A query parameter as a browser's form would encode it. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A path segment: like a query value, but a space is %20 ('+' is literal in a path). */
    public static String encodeSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    public Answer get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                r.headers().firstValue("Content-Disposition").orElse(null), r.body());
    }

    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        Answer a = get(pathAndQuery);
        if (a.status() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    /**
     * A request line sent as it is, for what java.net.URI refuses to build: malformed percent
     * escapes, bytes that are not UTF-8.
     */
    public Answer raw(String pathAndQuery) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int headersEnd = response.indexOf("\r\n\r\n");
            String headers = response.substring(0, Math.max(0, headersEnd)).toLowerCase(java.util.Locale.ROOT);
            String type = headers.contains("content-type: application/json") ? "application/json" : "other";
            return new Answer(status, type, null, headersEnd < 0 ? "" : response.substring(headersEnd + 4));
        }
    }
}
