package dev.acumat.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Frame to InfluxDB: polls the newest {@code contact} point of a few mats every 50 ms; when a
 * mat's newest point is new, the time since its timestamp (the frame's wall-clock time) is how
 * long the frame took to become queryable, give or take the polling period.
 */
final class InfluxProbe {
    private static final Pattern SERIES = Pattern.compile(
            "\"tags\":\\{\"mat\":\"([^\"]+)\"\\},\"columns\":\\[[^\\]]*\\],\"values\":\\[\\[(\\d+),");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI query;
    private final Map<String, Long> newest = new HashMap<>();

    InfluxProbe(String url, String matRegex) {
        String q = "SELECT last(contact_ratio) FROM contact WHERE time > now() - 1m AND mat =~ /" + matRegex
                + "/ GROUP BY mat";
        this.query = URI.create(url + "/query?db=acumat&epoch=ms&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    /** Polls for {@code seconds}; the latencies seen, in microseconds. */
    Histogram measure(double seconds) throws Exception {
        Histogram h = new Histogram(3);
        poll(null);  // what is there already does not count
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            poll(h);
            Thread.sleep(50);
        }
        return h;
    }

    private void poll(Histogram h) throws Exception {
        String body = http.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString()).body();
        long now = System.currentTimeMillis();
        Matcher m = SERIES.matcher(body);
        while (m.find()) {
            long time = Long.parseLong(m.group(2));
            Long before = newest.put(m.group(1), time);
            if (h != null && before != null && time > before) {
                h.recordValue(Math.max(0, now - time) * 1000);
            }
        }
    }
}
