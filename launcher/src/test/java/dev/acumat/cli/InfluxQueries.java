package dev.acumat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** InfluxQL over HTTP against the analytics' database, rows as column maps, times in epoch milliseconds. */
final class InfluxQueries {
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    InfluxQueries(String url) {
        this.url = url;
    }

    /** The rows of a query's first series; empty when there are none. */
    List<Map<String, JsonNode>> rows(String influxql) throws IOException, InterruptedException {
        String q = url + "/query?db=acumat&epoch=ms&q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(q)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
        }
        JsonNode series = json.readTree(r.body()).path("results").path(0).path("series").path(0);
        List<String> columns = new ArrayList<>();
        series.path("columns").forEach(c -> columns.add(c.asText()));
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode values : series.path("values")) {
            Map<String, JsonNode> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Points of a measurement for a mat, -1 while InfluxDB does not answer. */
    int count(String measurement, String mat) {
        try {
            return rows("SELECT * FROM " + measurement + " WHERE mat = '" + mat + "'").size();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The session points of a mat; empty while InfluxDB does not answer. */
    List<Map<String, JsonNode>> sessions(String mat) {
        try {
            return rows("SELECT * FROM session WHERE mat = '" + mat + "'");
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * Waits up to 90 seconds for the mat's session to have ended (its one point with
     * {@code active = false}): the analytics end a session 30 s after its last frame. A timeout
     * carries {@code diagnostics}.
     */
    void awaitEndedSession(String mat, String diagnostics) throws InterruptedException {
        try {
            Processes.waitFor("the ended session of " + mat + " in InfluxDB", 90, () -> {
                try {
                    return rows("SELECT * FROM session WHERE mat = '" + mat + "' AND active = false").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + diagnostics, e);
        }
    }

    /** A mat's contact points by time, each as {@link FaultFreeRun#contactValues}. */
    Map<Long, String> contact(String mat) throws IOException, InterruptedException {
        Map<Long, String> out = new LinkedHashMap<>();
        for (Map<String, JsonNode> row : rows("SELECT contact_ratio, contact_area_cm2, lower_back_coverage, posture"
                + " FROM contact WHERE mat = '" + mat + "'")) {
            JsonNode coverage = row.get("lower_back_coverage");
            out.put(row.get("time").asLong(), FaultFreeRun.contactValues(row.get("contact_ratio").asDouble(),
                    row.get("contact_area_cm2").asDouble(), coverage.isNull() ? null : coverage.asDouble(),
                    row.get("posture").asText()));
        }
        return out;
    }

    /** The times of a mat's posture shifts. */
    List<Long> shiftTimes(String mat) throws IOException, InterruptedException {
        List<Long> out = new ArrayList<>();
        for (Map<String, JsonNode> row : rows("SELECT * FROM posture_shift WHERE mat = '" + mat + "'")) {
            out.add(row.get("time").asLong());
        }
        return out;
    }
}
