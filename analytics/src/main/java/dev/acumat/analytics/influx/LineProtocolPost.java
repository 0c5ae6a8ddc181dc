package dev.acumat.analytics.influx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One InfluxDB 1.x {@code POST /write} of line protocol (millisecond precision), gzip-compressed,
 * with the JDK's HTTP client. The status code is what {@link InfluxWriter} decides on; influxdb-java's
 * own {@code write} reports failures by message only, which cannot tell a 400 from a 500.
 */
final class LineProtocolPost {
    /** A reply: the status and InfluxDB's error text (empty on success). */
    record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final InfluxEndpoint endpoint;
    private final Duration requestTimeout;
    private final boolean gzip;
    private final HttpClient http;

    LineProtocolPost(InfluxEndpoint endpoint, Duration requestTimeout, boolean gzip) {
        this.endpoint = endpoint;
        this.requestTimeout = requestTimeout;
        this.gzip = gzip;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * The request body for {@code lines}: gzip at the fastest level when on; level 6 costs more CPU
     * on the machine that also runs influxd for little gain (docs/PERFORMANCE.md).
     */
    byte[] body(byte[] lines) {
        if (!gzip) {
            return lines;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Sends one body to {@code retentionPolicy} (null: the database's default).
     *
     * @throws IOException when there is no answer (refused, reset, timed out)
     */
    Reply send(String retentionPolicy, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(retentionPolicy))
                .timeout(requestTimeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        if (endpoint.credentials() != null) {
            request.header("Authorization", endpoint.credentials().authorizationHeader());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body() == null ? "" : response.body().trim());
    }

    private URI uri(String retentionPolicy) {
        StringBuilder uri = new StringBuilder(endpoint.url().toString())
                .append("/write?db=").append(endpoint.database())
                .append("&precision=ms");
        if (retentionPolicy != null) {
            uri.append("&rp=").append(URLEncoder.encode(retentionPolicy, StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }
}
