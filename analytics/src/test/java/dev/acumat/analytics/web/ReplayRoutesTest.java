package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.history.HistoryHttp;
import dev.acumat.analytics.history.HostileValues;
import dev.acumat.analytics.history.StoredSession;
import dev.acumat.analytics.replay.FrameRange;
import dev.acumat.analytics.replay.FrameStore;
import dev.acumat.analytics.replay.FrameStoreException;
import dev.acumat.analytics.replay.FrameVisitor;
import dev.acumat.analytics.replay.KafkaFrameStore;
import dev.acumat.analytics.replay.RecordedFrame;
import dev.acumat.analytics.replay.SessionReplay;
import dev.acumat.analytics.replay.SessionWindow;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.PressureFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/sessions/{id}/frames} and {@code /export} over HTTP, against sessions and frames
 * kept in memory: the bounds of an answer, continuation through a whole session, and every bad
 * or hostile parameter refused with a JSON 4xx.
 */
class ReplayRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_790_000_000_000L;
    /** A session on a 32 x 20 mat a little longer than an answer. */
    private static final Mat SMALL = new Mat("mat-t", 32, 20, T0 + 10_000, 110, 20_000, Integer.MAX_VALUE);
    /** The largest mat: its frames are 64 KB, so the byte bound cuts before 300 frames (from the window's start). */
    private static final Mat LARGE = new Mat("mat-xl", 256, 256, T0 + 10_000, 12, SessionWindow.BEFORE_MS, 300);
    private static final String BROKEN = "mat-down";

    private static WebServer web;
    private static HistoryHttp http;
    private static final HttpClient client = HttpClient.newHttpClient();

    /** A mat, its stored session and its frames at 25 Hz from {@code leadMs} before the session to 25 s after, at most {@code max}. */
    record Mat(String id, int rows, int cols, long startMs, double durationS, DeviceInfo info,
               List<RecordedFrame> frames, StoredSession session) {
        Mat(String id, int rows, int cols, long startMs, double durationS, long leadMs, int max) {
            this(id, rows, cols, startMs, durationS, info(id, rows, cols),
                    frames(rows, cols, startMs - leadMs, startMs + Math.round(durationS * 1000) + 25_000, max),
                    new StoredSession(id, id + "." + startMs, startMs, durationS, 0, null, 0, false, "left",
                            Map.of()));
        }

        static DeviceInfo info(String id, int rows, int cols) {
            return new DeviceInfo(id, 1, 0, 0, rows, cols, 22_000, 22_000, 12, 40_000, 0, List.of());
        }

        static List<RecordedFrame> frames(int rows, int cols, long firstMs, long lastMs, int max) {
            List<RecordedFrame> out = new ArrayList<>();
            long first = firstMs * 1000;
            long last = lastMs * 1000;
            int seq = 0;
            for (long t = first; t <= last && seq < max; t += 40_000, seq++) {
                int[] v = new int[rows * cols];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (i * 31 + seq * 7) % 3000;
                }
                out.add(new RecordedFrame(t, new PressureFrame(seq, t - first, rows, cols, v)));
            }
            return out;
        }

        String path() {
            return "/api/sessions/" + session.sessionId();
        }

        /** The frames an answer should hold over the session's whole window, every n-th. */
        List<Long> expectedTimes(int every) {
            SessionWindow w = SessionWindow.of(session);
            return expectedTimes(w.fromMs(), w.toMs(), every);
        }

        List<Long> expectedTimes(long fromMs, long toMs, int every) {
            List<Long> out = new ArrayList<>();
            for (RecordedFrame f : frames) {
                if (f.timeMs() >= fromMs && f.timeMs() <= toMs) {
                    out.add(f.timeMs());
                }
            }
            List<Long> thinned = new ArrayList<>();
            for (int i = 0; i < out.size(); i += every) {
                thinned.add(out.get(i));
            }
            return thinned;
        }
    }

    /** The store's contract (FrameStore's Javadoc) over a list, as KafkaFrameStore keeps it over a partition. */
    static final class ListFrameStore implements FrameStore {
        @Override
        public void read(String mat, long fromMs, long toMs, int every, FrameVisitor visitor) {
            if (mat.equals(BROKEN)) {
                throw new FrameStoreException("Kafka: broker away", null);
            }
            Mat m = mat.equals(SMALL.id()) ? SMALL : mat.equals(LARGE.id()) ? LARGE : null;
            if (m == null) {
                return;
            }
            visitor.info(m.info());
            FrameRange range = new FrameRange(fromMs, toMs, every);
            for (RecordedFrame f : m.frames()) {
                if (f.timeMs() >= fromMs - KafkaFrameStore.LOOKBACK_MS && !range.offer(f, visitor)) {
                    return;
                }
            }
        }
    }

    record Answer(int status, String contentType, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @BeforeAll
    static void start() {
        Map<String, StoredSession> sessions = Map.of(SMALL.session().sessionId(), SMALL.session(),
                LARGE.session().sessionId(), LARGE.session(), BROKEN + "." + T0,
                new StoredSession(BROKEN, BROKEN + "." + T0, T0, 60, 0, null, 0, false, "left", Map.of()));
        SessionReplay replay = new SessionReplay(id -> Optional.ofNullable(sessions.get(id.toString())),
                new ListFrameStore());
        web = WebServer.start("127.0.0.1", 0, List.of(new ReplayRoutes(replay)));
        http = new HistoryHttp(web.port());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    private static Answer get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port()
                + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.headers().map(),
                r.body());
    }

    /** The frames' times of a binary answer; checks its records on the way. */
    private static List<Long> binaryTimes(byte[] body, JsonNode[] end) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> times = new ArrayList<>();
        while (b.remaining() > 0) {
            int n = b.getInt();
            byte[] rec = new byte[n];
            b.get(rec);
            if (rec[0] == '{') {
                JsonNode j = JSON.readTree(rec);
                if ("end".equals(j.path("type").asText())) {
                    end[0] = j;
                } else {
                    assertThat(j.path("type").asText()).isEqualTo("mat");
                }
                continue;
            }
            assertThat(new String(rec, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("AMF1");
            int len = ByteBuffer.wrap(rec, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            JsonNode metrics = JSON.readTree(new String(rec, 8, len, StandardCharsets.UTF_8));
            times.add(metrics.get("time_ms").asLong());
        }
        assertThat(end[0]).as("the end record").isNotNull();
        return times;
    }

    @Test
    void continuationWalksTheWholeSessionWithoutGapsOrDuplicates() throws Exception {
        int every = 1;
        List<Long> seen = new ArrayList<>();
        String url = SMALL.path() + "/frames?every=" + every;
        int answers = 0;
        while (url != null) {
            Answer a = get(url);
            assertThat(a.status()).as(url).isEqualTo(200);
            assertThat(a.contentType()).isEqualTo("application/octet-stream");
            JsonNode[] end = new JsonNode[1];
            List<Long> times = binaryTimes(a.body(), end);
            assertThat(times).as(url).hasSizeLessThanOrEqualTo(ReplayRoutes.MAX_FRAMES);
            assertThat(a.header("Acumat-Frames")).isEqualTo(String.valueOf(times.size()));
            assertThat(end[0].path("count").asInt()).isEqualTo(times.size());
            boolean more = Boolean.parseBoolean(a.header("Acumat-More"));
            assertThat(end[0].path("more").asBoolean()).isEqualTo(more);
            seen.addAll(times);
            answers++;
            if (more) {
                assertThat(times).hasSize(ReplayRoutes.MAX_FRAMES);
                assertThat(end[0].path("next_from_ms").asText()).isEqualTo(a.header("Acumat-Next-From"));
                url = SMALL.path() + "/frames?every=" + every + "&from=" + a.header("Acumat-Next-From");
            } else {
                assertThat(a.header("Acumat-Next-From")).isNull();
                url = null;
            }
        }
        assertThat(answers).as("answers").isGreaterThan(1);
        assertThat(seen).isEqualTo(SMALL.expectedTimes(every));
        SessionWindow w = SessionWindow.of(SMALL.session());
        long from = w.fromMs() + 30_000;
        long to = from + 60_000;
        Answer thinned = get(SMALL.path() + "/frames?every=3&from=" + from + "&to=" + to);
        assertThat(thinned.header("Acumat-More")).isEqualTo("false");
        assertThat(binaryTimes(thinned.body(), new JsonNode[1])).isEqualTo(SMALL.expectedTimes(from, to, 3));
    }

    @Test
    void jsonAndReplayFormsAreBoundedAndContinueToo() throws Exception {
        List<Long> seen = new ArrayList<>();
        String url = SMALL.path() + "/frames?format=json";
        while (url != null) {
            Answer a = get(url);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.contentType()).startsWith("application/json");
            JsonNode body = a.json();
            assertThat(body.path("mat").path("rows").asInt()).isEqualTo(32);
            assertThat(body.path("frames").size()).isEqualTo(body.path("count").asInt())
                    .isLessThanOrEqualTo(ReplayRoutes.MAX_FRAMES);
            body.path("frames").forEach(f -> {
                assertThat(f.path("raw").size()).isEqualTo(32 * 20);
                seen.add(f.path("time_ms").asLong());
            });
            url = body.path("more").asBoolean() ? SMALL.path() + "/frames?format=json&from="
                    + body.path("next_from_ms").asLong() : null;
        }
        assertThat(seen).isEqualTo(SMALL.expectedTimes(1));

        int lines = 0;
        url = SMALL.path() + "/frames?format=replay";
        while (url != null) {
            Answer a = get(url);
            assertThat(a.status()).isEqualTo(200);
            String text = new String(a.body(), StandardCharsets.US_ASCII);
            assertThat(text).startsWith("# acumat-replay 1 rows=32 cols=20");
            long frames = text.lines().filter(l -> !l.startsWith("#")).count();
            assertThat(frames).isLessThanOrEqualTo(ReplayRoutes.MAX_FRAMES);
            lines += (int) frames;
            url = Boolean.parseBoolean(a.header("Acumat-More"))
                    ? SMALL.path() + "/frames?format=replay&from=" + a.header("Acumat-Next-From") : null;
        }
        assertThat(lines).isEqualTo(SMALL.expectedTimes(1).size());
    }

    @Test
    void largeFramesAreCutAtTheByteBound() throws Exception {
        for (String format : new String[] {"binary", "json"}) {
            Answer a = get(LARGE.path() + "/frames?format=" + format);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("Acumat-More")).as(format).isEqualTo("true");
            int frames = format.equals("json") ? a.json().path("count").asInt()
                    : Integer.parseInt(a.header("Acumat-Frames"));
            int perFrame = a.body().length / frames;
            assertThat(frames).as(format).isLessThan(ReplayRoutes.MAX_FRAMES);
            assertThat(a.body().length).as(format).isGreaterThanOrEqualTo(ReplayRoutes.MAX_BYTES)
                    .isLessThanOrEqualTo(ReplayRoutes.MAX_BYTES + 2 * perFrame);
        }
    }

    @Test
    void badParametersAreAJson4xxNamingThem() throws Exception {
        SessionWindow w = SessionWindow.of(SMALL.session());
        String s = SMALL.path();
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("/api/sessions/mat-t." + (T0 + 1) + "/frames", 404);
        cases.put("/api/sessions/nobody.1/export", 404);
        cases.put("/api/sessions/mat-t/frames", 400);
        cases.put("/api/sessions/mat-t.x/frames", 400);
        cases.put("/api/sessions/.123/export", 400);
        cases.put("/api/sessions/mat-t.-5/frames", 400);
        cases.put(s + "/frames?from=" + (w.fromMs() - 1), 400);
        cases.put(s + "/frames?to=" + (w.toMs() + 1), 400);
        cases.put(s + "/frames?from=0", 400);
        cases.put(s + "/frames?from=" + Long.MAX_VALUE, 400);
        cases.put(s + "/frames?from=99999999999999999999", 400);
        cases.put(s + "/frames?from=" + (w.fromMs() + 2000) + "&to=" + (w.fromMs() + 1000), 400);
        cases.put(s + "/frames?every=0", 400);
        cases.put(s + "/frames?every=-1", 400);
        cases.put(s + "/frames?every=1001", 400);
        cases.put(s + "/frames?every=99999999999999999999", 400);
        cases.put(s + "/frames?every=1.5", 400);
        cases.put(s + "/frames?format=xml", 400);
        cases.put(s + "/frames?format=JSON", 400);
        cases.put(s + "/frames?format=" + "x".repeat(5000), 400);
        cases.put(s + "/frames?from=" + "1".repeat(5000), 400);
        cases.put(s + "/frames?every=1&every=2", 400);
        cases.put(s + "/frames?limit=5", 400);
        cases.put(s + "/frames?from=", 400);
        cases.put(s + "/export?from=" + w.fromMs(), 400);
        cases.put(s + "/frames?format=%27%22", 400);
        cases.put(s + "/frames?from=%271%27", 400);
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            refused(soft, c.getKey(), http.get(c.getKey()), c.getValue());
        }
        // Kafka away: a 503 saying so, nothing more.
        HistoryHttp.Answer down = http.get("/api/sessions/" + BROKEN + "." + T0 + "/frames");
        soft.assertThat(down.status()).isEqualTo(503);
        soft.assertThat(down.json().path("error").asText()).isEqualTo("Kafka is not reachable");
        soft.assertAll();
    }

    @Test
    void hostileValuesInEveryParameterAreRefused() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        String s = SMALL.path();
        int requests = 0;
        for (String value : HostileValues.ALL) {
            String v = HistoryHttp.encode(value);
            for (String p : new String[] {"from", "every", "format"}) {  // "to" is read as "from" is
                String url = s + "/frames?" + p + "=" + v;
                refused(soft, url, http.get(url), -1);
                requests++;
            }
            if (!value.isEmpty()) {
                for (String tail : new String[] {"/frames", "/export"}) {
                    String url = "/api/sessions/" + HistoryHttp.encodeSegment(value) + tail;
                    refused(soft, url, http.get(url), -1);
                    url = s + tail + "?" + v + "=1";
                    refused(soft, url, http.get(url), -1);
                    requests += 2;
                }
            }
        }
        for (String raw : new String[] {s + "/frames?from=%zz", s + "/frames?every=%FF", s + "/export?%zz=1",
            "/api/sessions/%zz/frames", "/api/sessions/mat-t.%C3%28/export", s + "/frames?format=json'%20OR%20'1'='1"}) {
            refused(soft, raw, http.raw(raw), -1);
            requests++;
        }
        soft.assertAll();
        assertThat(requests).isGreaterThan(400);
    }

    /** A 4xx (exactly {@code status} unless it is -1) with a one-line JSON error, and no frames. */
    private static void refused(SoftAssertions soft, String url, HistoryHttp.Answer a, int status) {
        if (status > 0) {
            soft.assertThat(a.status()).as("%s -> %s", url, a.body()).isEqualTo(status);
        } else {
            soft.assertThat(a.status()).as("%s -> %s", url, a.body()).isBetween(400, 499);
        }
        soft.assertThat(a.isJson()).as("%s -> JSON: %s", url, a.body()).isTrue();
        if (a.isJson()) {
            JsonNode error = a.json();
            soft.assertThat(error.path("status").asInt()).as(url).isEqualTo(a.status());
            soft.assertThat(error.path("error").asText()).as(url).isNotBlank().doesNotContain("\n");
            soft.assertThat(error.has("frames")).as(url).isFalse();
        }
    }
}
