package dev.acumat.bench;

import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.influx.InfluxSetup;
import dev.acumat.analytics.influx.InfluxWriter;
import dev.acumat.analytics.influx.SinkPoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Point;

/**
 * Points per second into the local influxd in batches of 5,000: the analytics' sink
 * ({@link InfluxWriter} with the options the service uses) against a raw bulk POST of the same
 * batches as prepared line protocol. Rounds interleave the ways (each writes its own mat), so
 * that influxd's growing state and the neighbours' load weigh on all alike.
 */
final class InfluxSinkHarness {
    static final double TARGET_RATIO = 0.8;
    private static final int BATCH = 5000;

    /** One way of writing one batch. */
    @FunctionalInterface
    private interface Way {
        void write(List<SinkPoint> records, byte[] lines) throws Exception;
    }

    private final Results results;
    private final String url;
    private final int warmUp;
    private final int rounds;

    InfluxSinkHarness(Results results, String url, boolean quick) {
        this.results = results;
        this.url = url;
        this.warmUp = quick ? 0 : 3;
        this.rounds = quick ? 1 : 16;
    }

    void run() throws Exception {
        InfluxEndpoint endpoint = new InfluxEndpoint(URI.create(url), "acumat", null);
        try (InfluxDB client = endpoint.connect()) {
            new InfluxSetup(client, "acumat").ensure();
        }
        InfluxWriter sink = new InfluxWriter(endpoint, InfluxWriter.Options.forEndpoint(endpoint));
        InfluxWriter gzipSink = new InfluxWriter(endpoint, InfluxWriter.Options.defaults().withGzip(true));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI write = URI.create(url + "/write?db=acumat&precision=ms");
        Map<String, Way> ways = new LinkedHashMap<>();
        ways.put("sink", (records, lines) -> sink.write(records));
        ways.put("sink with gzip", (records, lines) -> gzipSink.write(records));
        ways.put("raw POST", (records, lines) -> {
            int status = http.send(HttpRequest.newBuilder(write).POST(HttpRequest.BodyPublishers.ofByteArray(lines))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status != 204) {
                throw new IllegalStateException("influxd answered " + status + " to a raw POST");
            }
        });
        Map<String, Long> nanos = new LinkedHashMap<>();
        long base = (System.currentTimeMillis() / 1000 - 3 * 3600) * 1000;
        for (int round = 0; round < warmUp + rounds; round++) {
            int way = 0;
            for (Map.Entry<String, Way> w : ways.entrySet()) {
                List<SinkPoint> records = batch("bench-" + way++, base + (long) round * BATCH * 40);
                byte[] lines = lineProtocol(records);
                long t = System.nanoTime();
                w.getValue().write(records, lines);
                if (round >= warmUp) {
                    nanos.merge(w.getKey(), System.nanoTime() - t, Long::sum);
                }
            }
        }
        double raw = rate(nanos.get("raw POST"));
        double plain = rate(nanos.get("sink"));
        double gzip = rate(nanos.get("sink with gzip"));
        results.add("influx: raw bulk POST, points/s (batches of 5,000)", Results.num(raw, 0));
        results.add("influx: analytics' sink, points/s", Results.num(plain, 0));
        results.add("influx: sink / raw POST", Results.num(plain / raw, 2), ">= 0.8", plain / raw >= TARGET_RATIO);
        results.add("influx: sink with gzip (remote InfluxDB) / raw POST", Results.num(gzip / raw, 2));
    }

    private double rate(long nanos) {
        return rounds * (double) BATCH / (nanos / 1e9);
    }

    /** The batch as prepared line protocol, made by influxdb-java, not by the sink's own code. */
    private static byte[] lineProtocol(List<SinkPoint> records) {
        StringBuilder text = new StringBuilder();
        for (SinkPoint r : records) {
            Point p = dev.acumat.analytics.influx.InfluxSchema.point(r).orElseThrow();
            text.append(p.lineProtocol(TimeUnit.MILLISECONDS)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Realistic contact points of one mat at 25 Hz, every field. */
    private static List<SinkPoint> batch(String mat, long start) {
        List<SinkPoint> records = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            double x = i % 100 / 100.0;
            records.add(ContactPoint.of(mat, start + i * 40L, 0.3 + x / 10, 812.5 + i % 7, 0.5 + x / 4, 310 + i % 13,
                    42.125 + x, 20.5 + x, 61.25 - x, i % 500 < 400 ? "supine" : "left")
                    .withExtras("kPa", 240, 512.5));
        }
        return records;
    }
}
