package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.time.ManualTime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer against a scripted stand-in for InfluxDB's /write, on a fake clock. */
class InfluxWriterTest {
    private static final long T = 1790000000000L;
    private static final InfluxCredentials CREDENTIALS = new InfluxCredentials("writer", "hunter2");

    /** One request as the server saw it. */
    record Seen(String query, String encoding, String authorization, String body) {
    }

    private HttpServer server;
    private final Deque<int[]> statuses = new ArrayDeque<>();
    private final Deque<String> bodies = new ArrayDeque<>();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final ManualTime time = ManualTime.at(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/write", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** Scripts the next answers: a status each (an empty script answers 204). */
    private void answer(int status, String body) {
        statuses.add(new int[] {status});
        bodies.add(body);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = "gzip".equals(encoding) ? new GZIPInputStream(new ByteArrayInputStream(raw))
                : new ByteArrayInputStream(raw);
        seen.add(new Seen(exchange.getRequestURI().getRawQuery(), encoding,
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        int[] status = statuses.poll();
        String body = bodies.poll();
        byte[] reply = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        int code = status == null ? 204 : status[0];
        exchange.sendResponseHeaders(code, code == 204 ? -1 : reply.length);
        if (code != 204) {
            exchange.getResponseBody().write(reply);
        }
        exchange.close();
    }

    private InfluxWriter writer(InfluxCredentials credentials, Duration giveUpAfter) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        RetryPolicy retry = RetryPolicy.defaults().withTime(time).withGiveUpAfter(giveUpAfter);
        return new InfluxWriter(new InfluxEndpoint(url, "acumat", credentials),
                InfluxWriter.Options.defaults().withRetry(retry));
    }

    private static ContactPoint contact(int i) {
        return ContactPoint.of("mat-1", T + i * 1000L, 0.5, 100, null, 10, 5, 1.0, 2.0, "supine");
    }

    @Test
    void writesGzippedLineProtocolAndSessionsToBothPolicies() throws Exception {
        InfluxWriter writer = writer(CREDENTIALS, Duration.ofMinutes(1));
        SessionPoint session = SessionPoint.of("mat-1", T, "s1", 60, 0.5, 30, 1, true);
        InfluxWriter.WriteResult result = writer.write(List.of(contact(0), session));

        assertThat(result).isEqualTo(new InfluxWriter.WriteResult(3, 0, 2, 0, 0));
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).query()).isEqualTo("db=acumat&precision=ms");
        assertThat(seen.get(0).encoding()).isEqualTo("gzip");
        assertThat(seen.get(0).authorization()).isEqualTo("Basic d3JpdGVyOmh1bnRlcjI=");
        assertThat(seen.get(0).body()).isEqualTo(
                InfluxSchema.point(contact(0)).orElseThrow().lineProtocol(InfluxSchema.PRECISION) + "\n"
                        + InfluxSchema.point(session).orElseThrow().lineProtocol(InfluxSchema.PRECISION) + "\n");
        assertThat(seen.get(1).query()).isEqualTo("db=acumat&precision=ms&rp=rollup");
        assertThat(seen.get(1).body()).startsWith("session,mat=mat-1 ").hasLineCount(1);
        assertThat(writer.stats().points()).isEqualTo(3);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void retriesServerErrorsWithCappedExponentialBackoff() throws Exception {
        for (int i = 0; i < 8; i++) {
            answer(i % 2 == 0 ? 503 : 500, "{\"error\":\"timeout\"}");
        }
        InfluxWriter.WriteResult result = writer(null, Duration.ofMinutes(1)).write(List.of(contact(0)));
        assertThat(result.retries()).isEqualTo(8);
        assertThat(result.requests()).isEqualTo(9);
        assertThat(time.sleeps()).extracting(Duration::toMillis)
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
        assertThat(seen).hasSize(9).extracting(Seen::authorization).containsOnlyNulls();
    }

    @Test
    void givesUpAfterTheRetryPeriodWithATransientFailure() {
        for (int i = 0; i < 20; i++) {
            answer(503, "{\"error\":\"overloaded\"}");
        }
        InfluxWriter writer = writer(CREDENTIALS, Duration.ofSeconds(1));
        assertThatThrownBy(() -> writer.write(List.of(contact(0))))
                .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                })
                .hasMessageContaining("did not take the write")
                .hasMessageContaining("HTTP 503")
                .hasMessageNotContaining("hunter2");
        // 100 + 200 + 400 = 700 ms waited; 800 more would pass the second.
        assertThat(time.sleeps()).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L);
    }

    @Test
    void retriesWhileNothingListens() {
        InfluxWriter writer = writer(null, Duration.ofSeconds(2));
        server.stop(0);
        assertThatThrownBy(() -> writer.write(List.of(contact(0))))
                .isInstanceOfSatisfying(InfluxWriteException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.status()).isZero();
                    assertThat(e).hasCauseInstanceOf(IOException.class);
                })
                .hasMessageContaining("no answer");
        assertThat(time.sleeps()).hasSize(4);
    }

    @Test
    void aBadPointIsCountedNotRetried() throws Exception {
        answer(400, "{\"error\":\"partial write: field type conflict: input field \\\"contact_ratio\\\" on measurement"
                + " \\\"contact\\\" is type string, already exists as type float dropped=1\"}");
        InfluxWriter writer = writer(null, Duration.ofMinutes(1));
        InfluxWriter.WriteResult result = writer.write(List.of(contact(0), contact(1)));
        assertThat(result.rejectedRequests()).isEqualTo(1);
        assertThat(result.retries()).isZero();
        assertThat(writer.stats()).isEqualTo(new InfluxWriter.Stats(1, 1, 0, 1, 1, 0));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void refusedCredentialsStopAtOnceWithoutShowingThem() {
        answer(401, "{\"error\":\"authorization failed\"}");
        InfluxWriter writer = writer(CREDENTIALS, Duration.ofMinutes(1));
        assertThatThrownBy(() -> writer.write(List.of(contact(0))))
                .isInstanceOfSatisfying(InfluxWriteException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("ACUMAT_INFLUX_PASSWORD")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("writer:");
        assertThat(seen).hasSize(1);
    }

    @Test
    void aMissingDatabaseStopsAtOnceNamingTheOption() {
        answer(404, "{\"error\":\"database not found: \\\"acumat\\\"\"}");
        assertThatThrownBy(() -> writer(null, Duration.ofMinutes(1)).write(List.of(contact(0))))
                .isInstanceOfSatisfying(InfluxWriteException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("database acumat")
                .hasMessageContaining("--db");
    }

    @Test
    void aMissingRetentionPolicyIsNoReasonToWait() {
        answer(204, "");
        answer(500, "{\"error\":\"retention policy not found: rollup\"}");
        SessionPoint session = SessionPoint.of("mat-1", T, "s1", 60, 0.5, 30, 1, true);
        assertThatThrownBy(() -> writer(null, Duration.ofMinutes(1)).write(List.of(session)))
                .isInstanceOfSatisfying(InfluxWriteException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("retention policy of database acumat does not exist");
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void splitsARequestTooLargeForTheServer() throws Exception {
        answer(413, "{\"error\":\"Request Entity Too Large\"}");
        List<SinkPoint> batch = List.of(contact(0), contact(1), contact(2), contact(3));
        InfluxWriter.WriteResult result = writer(null, Duration.ofMinutes(1)).write(batch);
        assertThat(result.points()).isEqualTo(4);
        assertThat(seen).extracting(s -> s.body().split("\n").length).containsExactly(4, 2, 2);
    }

    @Test
    void sendsBigBatchesInRequestsOfTheMaximumSize() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        InfluxWriter writer = new InfluxWriter(new InfluxEndpoint(url, "acumat", null),
                InfluxWriter.Options.defaults().withMaxPointsPerRequest(2).withGzip(false)
                        .withRetry(RetryPolicy.defaults().withTime(time)));
        List<SinkPoint> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(contact(i));
        }
        batch.add(ContactPoint.of("mat-1", T, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, null, null, null));
        InfluxWriter.WriteResult result = writer.write(batch);
        assertThat(result).isEqualTo(new InfluxWriter.WriteResult(5, 1, 3, 0, 0));
        assertThat(seen).extracting(Seen::encoding).containsOnlyNulls();
        assertThat(seen).extracting(s -> s.body().split("\n").length).containsExactly(2, 2, 1);
        assertThat(writer.stats().emptyRecords()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaitEndsTheWrite() {
        answer(503, "");
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        RetryPolicy retry = RetryPolicy.defaults().withTime(time.whenSleeping(d -> {
            throw new InterruptedException("stop");
        }));
        InfluxWriter writer = new InfluxWriter(new InfluxEndpoint(url, "acumat", null),
                InfluxWriter.Options.defaults().withRetry(retry));
        assertThatThrownBy(() -> writer.write(List.of(contact(0)))).isInstanceOf(InterruptedException.class);
    }
}
