package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * Every hostile value through every parameter of every history endpoint. Each answer must be a
 * 4xx with a JSON error naming what was wrong, or a 200 holding nothing it should not: no
 * session when the value was the mat, and only mat-B's sessions when the value went into another
 * parameter of a request for mat-B. Never a 5xx.
 */
final class HistoryHostileChecks {
    private static final List<String> LIST_PARAMS = List.of("mat", "from", "to", "limit", "tz");
    private static final List<String> RANGE_PARAMS = List.of("mat", "from", "to", "tz");
    private static final List<String> DAY_PARAMS = List.of("mat", "date", "tz", "exclude");

    private final HistoryHttp http;
    private final HistoryData data;
    private final SoftAssertions soft = new SoftAssertions();
    private int requests;

    HistoryHostileChecks(HistoryHttp http, HistoryData data) {
        this.http = http;
        this.data = data;
    }

    void run() throws Exception {
        for (String value : HostileValues.ALL) {
            for (String p : LIST_PARAMS) {
                query("/api/sessions", p, value);
            }
            for (String p : RANGE_PARAMS) {
                query("/api/sessions.csv", p, value);
                query("/api/daily", p, value);
            }
            for (String p : DAY_PARAMS) {
                query("/api/day", p, value);
            }
            query("/api/mats", "mat", value);
            if (!value.isEmpty()) {  // "/api/sessions/" is the listing's own URL
                refused("/api/sessions/" + HistoryHttp.encodeSegment(value), http.get("/api/sessions/"
                        + HistoryHttp.encodeSegment(value)));
            }
            // As a parameter's name: unknown parameters are refused.
            String asName = "/api/sessions?" + HistoryHttp.encode(value) + "=mat-A";
            if (!value.isEmpty()) {
                refused(asName, http.get(asName));
            }
        }
        for (String twice : new String[] {"/api/sessions?mat=mat-B&mat=mat-A", "/api/daily?mat=mat-B&mat=mat-A",
            "/api/day?mat=mat-B&date=2026-11-25&date=2026-11-26", "/api/day?mat=mat-B&exclude=mat-A." + data.a1,
            "/api/day?mat=mat-B&from=7d",
            "/api/sessions?MAT=mat-A", "/api/mats?mat=mat-A", "/api/sessions/mat-A." + data.a1 + "?x=1",
            "/api/sessions?mat=mat-A&from=60d&to=1d&limit=5&tz=UTC&extra=1", "/api/sessions?from=now&to=30d",
            "/api/sessions?from=" + (TimeRange.MAX_DAYS + 1) + "d", "/api/sessions.csv?limit=5"}) {
            refused(twice, http.get(twice));
        }
        // What java.net.URI will not even build: broken escapes, bytes that are not UTF-8.
        for (String raw : new String[] {"/api/sessions?mat=%zz", "/api/sessions?mat=%", "/api/sessions?mat=%FF",
            "/api/sessions?mat=%C3%28", "/api/daily?tz=%E0%80%80", "/api/sessions/%zz", "/api/sessions/mat-A.%FF",
            "/api/sessions?mat=mat-A'%20OR%20'1'='1", "/api/sessions?%zz=1"}) {
            refused(raw, http.raw(raw));
        }
        soft.assertAll();
        assertThat(requests).isGreaterThan(1000);
    }

    /** {@code param=value} on an endpoint; for a parameter other than mat, in a request for mat-B. */
    private void query(String endpoint, String param, String value) throws Exception {
        String url = endpoint + "?" + (param.equals("mat") ? "" : "mat=mat-B&") + param + "="
                + HistoryHttp.encode(value);
        HistoryHttp.Answer a = http.get(url);
        requests++;
        if (a.status() != 200) {
            refused(url, a);
            return;
        }
        List<String> mats = new ArrayList<>();
        if (endpoint.endsWith(".csv")) {
            a.body().lines().skip(1).forEach(line -> mats.add(line.substring(0, line.indexOf(','))));
        } else if (endpoint.equals("/api/day")) {
            JsonNode body = a.json();
            if (body.get("sessions").asInt() > 0) {
                mats.add(body.get("mat").asText());
            }
        } else if (!endpoint.equals("/api/mats")) {
            JsonNode body = a.json();
            body.get(endpoint.equals("/api/daily") ? "days" : "sessions").forEach(s -> mats.add(s.get("mat").asText()));
        } else {
            soft.fail("%s: /api/mats takes no parameter, but answered 200", url);
        }
        if (param.equals("mat")) {
            soft.assertThat(mats).as("%s: a hostile mat matches nothing", url).isEmpty();
        } else {
            soft.assertThat(mats).as("%s: only mat-B's data", url).allMatch("mat-B"::equals);
        }
    }

    private void refused(String url, HistoryHttp.Answer a) {
        requests++;
        soft.assertThat(a.status()).as("%s -> %s", url, a.body()).isBetween(400, 499);
        soft.assertThat(a.body()).as(url).doesNotContain("session_id", "start_ms", "time_on_mat_s");
        soft.assertThat(a.isJson()).as("%s -> JSON error: %s %s", url, a.status(), a.body()).isTrue();
        if (a.isJson() && a.status() >= 400) {
            JsonNode error = a.json();
            soft.assertThat(error.path("status").asInt()).as(url).isEqualTo(a.status());
            soft.assertThat(error.path("error").asText()).as(url).isNotBlank().doesNotContain("\n");
        }
    }
}
