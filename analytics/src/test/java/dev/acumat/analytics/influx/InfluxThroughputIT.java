package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import dev.acumat.servers.LocalInflux;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points per second into a local influxd in batches of 5,000, the sink against a raw bulk
 * line-protocol POST of the same batches, and influxdb-java's own write for comparison. Rounds
 * are interleaved (each way writes its own mat) so that influxd's growing state weighs on all
 * alike. Prints the figures; asserts only that every point arrived.
 */
class InfluxThroughputIT {
    private static final int BATCH = 5000;
    private static final int WARM_UP = 2;
    private static final int ROUNDS = 20;

    /** One way of writing one batch. */
    @FunctionalInterface
    interface Way {
        void write(String mat, List<SinkPoint> records, List<Point> points, byte[] lines) throws Exception;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sinkAgainstRawPost(@TempDir Path dir) throws Exception {
        try (LocalInflux influx = LocalInflux.start(LocalInflux.Options.of(dir.resolve("influx")))) {
            InfluxEndpoint endpoint = new InfluxEndpoint(URI.create(influx.url()), "acumat", null);
            InfluxWriter sink = new InfluxWriter(endpoint, InfluxWriter.Options.defaults());
            InfluxWriter plainSink = new InfluxWriter(endpoint, InfluxWriter.Options.defaults().withGzip(false));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI write = URI.create(influx.url() + "/write?db=acumat&precision=ms");
            try (InfluxDB client = endpoint.connect()) {
                new InfluxSetup(client, "acumat").ensure();
                client.enableGzip();

                Map<String, Way> ways = new LinkedHashMap<>();
                ways.put("sink: records -> line protocol -> gzip POST", (mat, records, points, lines) -> sink.write(records));
                ways.put("sink, gzip off", (mat, records, points, lines) -> plainSink.write(records));
                ways.put("raw POST of prepared line protocol", (mat, records, points, lines) ->
                        assertThat(http.send(post(write, lines, false), HttpResponse.BodyHandlers.ofString())
                                .statusCode()).isEqualTo(204));
                ways.put("raw POST, gzip (level 1) at send", (mat, records, points, lines) ->
                        assertThat(http.send(post(write, gzip(lines), true), HttpResponse.BodyHandlers.ofString())
                                .statusCode()).isEqualTo(204));
                ways.put("influxdb-java write(BatchPoints), gzip", (mat, records, points, lines) ->
                        client.write(BatchPoints.database("acumat").precision(TimeUnit.MILLISECONDS)
                                .points(points).build()));

                Map<String, Long> nanos = new LinkedHashMap<>();
                long base = (System.currentTimeMillis() / 1000 - 3 * 3600) * 1000;
                for (int round = 0; round < WARM_UP + ROUNDS; round++) {
                    int way = 0;
                    for (Map.Entry<String, Way> w : ways.entrySet()) {
                        String mat = "bench-" + way++;
                        List<SinkPoint> records = batch(mat, base + (long) round * BATCH * 40);
                        List<Point> points = new ArrayList<>();
                        records.forEach(r -> points.add(InfluxSchema.point(r).orElseThrow()));
                        StringBuilder text = new StringBuilder();
                        points.forEach(p -> text.append(p.lineProtocol(TimeUnit.MILLISECONDS)).append('\n'));
                        byte[] lines = text.toString().getBytes(StandardCharsets.UTF_8);
                        long t = System.nanoTime();
                        w.getValue().write(mat, records, points, lines);
                        if (round >= WARM_UP) {
                            nanos.merge(w.getKey(), System.nanoTime() - t, Long::sum);
                        }
                    }
                }
                double raw = rate(nanos.get("raw POST of prepared line protocol"));
                for (Map.Entry<String, Long> e : nanos.entrySet()) {
                    System.out.printf("influx write, %d x %d points: %-42s %,9.0f points/s (%.2f of raw)%n",
                            ROUNDS, BATCH, e.getKey(), rate(e.getValue()), rate(e.getValue()) / raw);
                }
                System.out.printf("influxd resident after %,d points: %s%n", (WARM_UP + ROUNDS) * BATCH * ways.size(),
                        rss(influx.pid().orElseThrow()));
                for (int i = 0; i < ways.size(); i++) {
                    long count = ((Number) client.query(BoundParameterQuery.QueryBuilder
                            .newQuery("SELECT count(contact_ratio) FROM contact WHERE mat = $mat")
                            .forDatabase("acumat").bind("mat", "bench-" + i).create())
                            .getResults().get(0).getSeries().get(0).getValues().get(0).get(1)).longValue();
                    assertThat(count).isEqualTo((long) (WARM_UP + ROUNDS) * BATCH);
                }
            }
        }
    }

    /** VmRSS of a process from /proc (Linux), for the report. */
    private static String rss(long pid) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.substring(6).trim()).findFirst().orElse("?");
    }

    private static double rate(long nanos) {
        return ROUNDS * (double) BATCH / (nanos / 1e9);
    }

    /** A batch of realistic contact points: 25 Hz, every field. */
    private static List<SinkPoint> batch(String mat, long start) {
        List<SinkPoint> records = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            double x = i % 100 / 100.0;
            records.add(ContactPoint.of(mat, start + i * 40L, 0.3 + x / 10, 812.5 + i % 7, 0.5 + x / 4, 310 + i % 13,
                    42.125 + x, 20.5 + x, 61.25 - x, i % 500 < 400 ? "supine" : "left").withExtras("kPa", 240, 512.5));
        }
        return records;
    }

    private static HttpRequest post(URI uri, byte[] body, boolean gzip) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            b.header("Content-Encoding", "gzip");
        }
        return b.build();
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(data);
        }
        return out.toByteArray();
    }
}
