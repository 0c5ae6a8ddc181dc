package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acumat.analytics.Resources;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.influx.InfluxSetup;
import dev.acumat.analytics.influx.InfluxWriter;
import dev.acumat.analytics.web.AccessToken;
import dev.acumat.analytics.web.HistoryRoutes;
import dev.acumat.analytics.web.LiveFeed;
import dev.acumat.analytics.web.WebServer;
import dev.acumat.servers.LocalInflux;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history API against a real influxd holding known sessions (HistoryData) and a real web
 * server: every endpoint's JSON against what was written, then hostile values through every
 * parameter of every endpoint (HistoryHostileChecks).
 */
class HistoryApiIT {
    @TempDir
    static Path dir;

    static LocalInflux influx;
    static InfluxDB client;
    static HistoryQueries queries;
    static WebServer web;
    static HistoryHttp http;
    static final HistoryData data = new HistoryData();
    static final String TOKEN = "history-api-it-0123456789abcdef";

    @BeforeAll
    static void start() throws Exception {
        influx = LocalInflux.start(LocalInflux.Options.of(dir.resolve("influx")));
        InfluxEndpoint endpoint = new InfluxEndpoint(URI.create(influx.url()), "acumat", null);
        client = endpoint.connect();
        new InfluxSetup(client, "acumat").ensure();
        data.write(new InfluxWriter(endpoint, InfluxWriter.Options.defaults()), client);
        queries = new HistoryQueries(endpoint);
        List<LiveFeed.MatStatus> live = List.of(
                new LiveFeed.MatStatus("mat-live", data.now, 0.5, 32, 20, 1),
                new LiveFeed.MatStatus("mat-B", data.now - 100_000, 100.0, 32, 20, 0));
        // A token on loopback is enforced as it is off loopback: every request below passes the access guard.
        web = WebServer.start("127.0.0.1", 0, AccessToken.of("test", TOKEN),
                List.of(new HistoryRoutes(() -> live, queries)));
        http = new HistoryHttp(web.port(), TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(web, queries, client, influx);
    }

    @Test
    void matsAreThoseWithSessionsAndThoseLive() throws Exception {
        JsonNode mats = http.json("/api/mats").get("mats");
        assertThat(mats).hasSize(3);
        assertThat(mats.get(0).toString()).isEqualTo(
                "{\"mat\":\"mat-A\",\"has_sessions\":true,\"live\":false,\"last_frame_age_s\":null}");
        assertThat(mats.get(1).toString()).isEqualTo(
                "{\"mat\":\"mat-B\",\"has_sessions\":true,\"live\":false,\"last_frame_age_s\":100.0}");
        assertThat(mats.get(2).toString()).isEqualTo(
                "{\"mat\":\"mat-live\",\"has_sessions\":false,\"live\":true,\"last_frame_age_s\":0.5}");
    }

    @Test
    void sessionsOfAMatNewestFirstIncludingThoseOnlyInRollup() throws Exception {
        JsonNode body = http.json("/api/sessions?mat=mat-A&from=60d");
        assertThat(starts(body)).containsExactly(data.active, data.a2, data.a1, data.a3, data.old);
        assertThat(body.get("mat").asText()).isEqualTo("mat-A");
        assertThat(body.get("limit").asInt()).isEqualTo(100);
        assertThat(body.get("more").asBoolean()).isFalse();
        JsonNode a1 = body.get("sessions").get(2);
        assertThat(a1.toString()).isEqualTo("{\"mat\":\"mat-A\",\"session_id\":\"mat-A." + data.a1 + "\",\"start\":\""
                + Instant.ofEpochMilli(data.a1) + "\",\"start_ms\":" + data.a1 + ",\"end_ms\":" + (data.a1 + 600_000)
                + ",\"duration_s\":600.0,\"lower_back_time_s\":300.0,\"lower_back_coverage_mean\":0.6,"
                + "\"posture_shifts\":2,\"active\":false,\"end_reason\":\"got-off\",\"time_left_s\":60.0,"
                + "\"time_supine_s\":540.0}");
        JsonNode running = body.get("sessions").get(0);
        assertThat(running.get("active").asBoolean()).isTrue();
        assertThat(running.get("end_reason").isNull()).isTrue();
        assertThat(body.get("sessions").get(3).get("lower_back_coverage_mean").isNull()).isTrue();
        assertThat(body.get("sessions").get(4).get("time_supine_s").asDouble()).isEqualTo(1200.0);
    }

    @Test
    void sessionsLimitedRangedAndOfEveryMat() throws Exception {
        JsonNode two = http.json("/api/sessions?mat=mat-A&from=60d&limit=2");
        assertThat(starts(two)).containsExactly(data.active, data.a2);
        assertThat(two.get("more").asBoolean()).isTrue();
        // The default range is the last 30 days: the old session is not in it.
        assertThat(starts(http.json("/api/sessions?mat=mat-A"))).containsExactly(data.active, data.a2, data.a1, data.a3);
        JsonNode all = http.json("/api/sessions?from=" + HistoryHttp.encode(Instant.ofEpochMilli(data.a1).toString())
                + "&to=" + HistoryHttp.encode(Instant.ofEpochMilli(data.a2).toString()));
        assertThat(all.get("mat").isNull()).isTrue();
        assertThat(starts(all)).containsExactly(data.b1, data.a1);
        assertThat(all.get("sessions").get(0).get("mat").asText()).isEqualTo("mat-B");
        assertThat(starts(http.json("/api/sessions?mat=mat-B&from=60d"))).containsExactly(data.b1);
        assertThat(starts(http.json("/api/sessions?mat=nobody&from=60d"))).isEmpty();
    }

    @Test
    void aSessionWithItsContactCurveAndShifts() throws Exception {
        JsonNode body = http.json("/api/sessions/mat-A." + data.a1);
        assertThat(body.get("session").get("session_id").asText()).isEqualTo("mat-A." + data.a1);
        assertThat(body.get("session").get("duration_s").asDouble()).isEqualTo(600.0);
        JsonNode contact = body.get("contact");
        assertThat(contact.get("source").asText()).isEqualTo("raw");
        assertThat(contact.get("interval_s").asInt()).isEqualTo(1);
        assertThat(contact.get("points")).hasSize(600);
        assertThat(contact.get("points").get(0).toString()).isEqualTo("{\"time_ms\":" + data.a1
                + ",\"lower_back_coverage\":0.0,\"contact_ratio\":0.4,\"posture\":\"supine\"}");
        assertThat(contact.get("points").get(203).toString()).isEqualTo("{\"time_ms\":" + (data.a1 + 203_000)
                + ",\"lower_back_coverage\":0.3,\"contact_ratio\":0.4,\"posture\":\"left\"}");
        assertThat(body.get("shifts").toString()).isEqualTo("[{\"time_ms\":" + (data.a1 + 200_000)
                + ",\"from\":\"supine\",\"to\":\"left\",\"cop_shift_cm\":4.5},{\"time_ms\":" + (data.a1 + 260_000)
                + ",\"from\":\"left\",\"to\":\"supine\",\"cop_shift_cm\":null}]");
    }

    @Test
    void aLongSessionIsThinnedAndAnOldOneComesFromTheRollup() throws Exception {
        JsonNode longOne = http.json("/api/sessions/mat-A." + data.a2).get("contact");
        assertThat(longOne.get("interval_s").asInt()).isEqualTo(10);
        assertThat(longOne.get("points")).hasSize(1080);
        longOne.get("points").forEach(p -> assertThat(p.get("lower_back_coverage").asDouble()).isEqualTo(0.5));

        JsonNode old = http.json("/api/sessions/mat-A." + data.old);
        assertThat(old.get("session").get("lower_back_time_s").asDouble()).isEqualTo(1100.0);
        assertThat(old.get("contact").get("source").asText()).isEqualTo("rollup");
        assertThat(old.get("contact").get("interval_s").asInt()).isEqualTo(60);
        assertThat(old.get("contact").get("points")).hasSize(20);
        assertThat(old.get("contact").get("points").get(0).get("time_ms").asLong()).isEqualTo(data.old);
        assertThat(old.get("shifts").get(0).get("to").asText()).isEqualTo("right");

        JsonNode running = http.json("/api/sessions/mat-A." + data.active);
        assertThat(running.get("contact").get("points").size()).isBetween(299, 300);
    }

    @Test
    void anUnknownSessionIs404() throws Exception {
        HistoryHttp.Answer a = http.get("/api/sessions/mat-A." + (data.a1 + 1));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("id: no session mat-A." + (data.a1 + 1));
        assertThat(http.get("/api/sessions/mat-B." + data.a1).status()).as("another mat's id").isEqualTo(404);
    }

    @Test
    void csvExportsEverySessionOldestFirst() throws Exception {
        HistoryHttp.Answer a = http.get("/api/sessions.csv?mat=mat-A&from=60d");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.contentType()).startsWith("text/csv");
        assertThat(a.disposition()).startsWith("attachment; filename=\"acumat-sessions-mat-A-").endsWith(".csv\"");
        String[] lines = a.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(SessionCsv.header());
        assertThat(lines).hasSize(6);
        assertThat(lines[1]).startsWith("mat-A,mat-A." + data.old + ",");
        assertThat(lines[3]).isEqualTo("mat-A,mat-A." + data.a1 + "," + Instant.ofEpochMilli(data.a1) + "," + data.a1
                + "," + (data.a1 + 600_000) + ",600.000,300.000,0.6000,2,false,got-off,540.000,,60.000,,,,");
        assertThat(lines[5]).startsWith("mat-A,mat-A." + data.active + ",").contains(",true,");
    }

    @Test
    void dailyTotalsByUtcDayAndByLocalDay() throws Exception {
        LocalDate day0 = LocalDate.ofInstant(Instant.ofEpochMilli(data.day0), ZoneOffset.UTC);
        JsonNode utc = http.json("/api/daily?from=" + day0.minusDays(1) + "&to=" + day0);
        assertThat(utc.get("tz").asText()).isEqualTo("UTC");
        assertThat(utc.get("days").toString()).isEqualTo("[{\"mat\":\"mat-A\",\"date\":\"" + day0.minusDays(1)
                + "\",\"sessions\":1,\"time_on_mat_s\":300.0,\"lower_back_time_s\":0.0,\"posture_shifts\":1},"
                + "{\"mat\":\"mat-A\",\"date\":\"" + day0 + "\",\"sessions\":2,\"time_on_mat_s\":11400.0,"
                + "\"lower_back_time_s\":5300.0,\"posture_shifts\":2},"
                + "{\"mat\":\"mat-B\",\"date\":\"" + day0 + "\",\"sessions\":1,\"time_on_mat_s\":900.0,"
                + "\"lower_back_time_s\":800.0,\"posture_shifts\":3}]");
        // UTC+14: 10:00 UTC is midnight of the next day there.
        JsonNode kiritimati = http.json("/api/daily?mat=mat-A&tz=Pacific/Kiritimati&from=" + day0.minusDays(2) + "&to="
                + day0.plusDays(1));
        assertThat(kiritimati.get("days")).hasSize(2);
        assertThat(kiritimati.get("days").get(0).get("date").asText()).isEqualTo(day0.toString());
        assertThat(kiritimati.get("days").get(1).get("date").asText()).isEqualTo(day0.plusDays(1).toString());
        assertThat(kiritimati.get("days").get(1).get("sessions").asInt()).isEqualTo(2);
    }

    @Test
    void aDayOfOneMatWithoutTheSessionThePageCountsLive() throws Exception {
        LocalDate day0 = LocalDate.ofInstant(Instant.ofEpochMilli(data.day0), ZoneOffset.UTC);
        assertThat(http.json("/api/day?mat=mat-A&date=" + day0 + "&tz=UTC").toString()).isEqualTo("{\"mat\":\"mat-A\","
                + "\"date\":\"" + day0 + "\",\"tz\":\"UTC\",\"excluded\":null,\"sessions\":2,\"time_on_mat_s\":11400.0,"
                + "\"lower_back_time_s\":5300.0}");
        JsonNode without = http.json("/api/day?mat=mat-A&date=" + day0 + "&tz=UTC&exclude=mat-A." + data.a1);
        assertThat(without.get("excluded").asText()).isEqualTo("mat-A." + data.a1);
        assertThat(without.get("sessions").asInt()).isEqualTo(1);
        assertThat(without.get("lower_back_time_s").asDouble()).isEqualTo(5000.0);
        // The running session's point (rewritten every 10 s) is in InfluxDB too: left out, the page adds it live.
        LocalDate running = LocalDate.ofInstant(Instant.ofEpochMilli(data.active), ZoneOffset.UTC);
        assertThat(http.json("/api/day?mat=mat-A&date=" + running).get("lower_back_time_s").asDouble()).isEqualTo(120.0);
        JsonNode live = http.json("/api/day?mat=mat-A&date=" + running + "&exclude=mat-A." + data.active);
        assertThat(live.get("sessions").asInt()).isZero();
        assertThat(live.get("lower_back_time_s").asDouble()).isZero();
        // Without a date: today in tz, on the server's clock.
        assertThat(http.json("/api/day?mat=mat-A").get("date").asText())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        // At UTC+14 the sessions of 10:00 and 11:00 UTC (A1, A2) began on the next day.
        assertThat(http.json("/api/day?mat=mat-A&tz=Pacific/Kiritimati&date=" + day0.plusDays(1)).get("sessions")
                .asInt()).isEqualTo(2);
    }

    @Test
    void hostileValuesInEveryParameterGetA4xxOrNothing() throws Exception {
        new HistoryHostileChecks(http, data).run();
        assertThat(rows("SHOW DATABASES")).contains(List.of("acumat"));
        assertThat(starts(http.json("/api/sessions?mat=mat-A&from=60d"))).hasSize(5);
    }

    @Test
    void withoutTheTokenEveryEndpointIs401AndHostileTokensToo() throws Exception {
        List<String> paths = List.of("/api/mats", "/api/sessions?mat=mat-A&from=60d", "/api/sessions/mat-A." + data.a1,
                "/api/sessions.csv?mat=mat-A", "/api/daily", "/api/day?mat=mat-A", "/", "/history",
                "/api/sessions?mat='");
        for (String path : paths) {
            HistoryHttp.Answer a = new HistoryHttp(web.port()).get(path);
            assertThat(a.status()).as(path).isEqualTo(401);
            assertThat(a.body()).as(path).doesNotContain("mat-A");
        }
        for (String hostile : HostileValues.ALL) {
            String token = hostile.replaceAll("[\\x00-\\x1f\\x7f]", "");
            if (token.codePoints().allMatch(c -> c < 0x7f)) {
                HistoryHttp.Answer a = new HistoryHttp(web.port(), token).get("/api/sessions?mat=mat-A&from=60d");
                assertThat(a.status()).as(hostile).isIn(400, 401, 431);
                assertThat(a.body()).as(hostile).doesNotContain("session_id");
            }
            HistoryHttp.Answer login = new HistoryHttp(web.port()).get("/?token=" + HistoryHttp.encode(hostile));
            assertThat(login.status()).as(hostile).isIn(400, 401, 414);
        }
    }

    @Test
    void boundValuesStayValuesEvenPastTheChecks() {
        InfluxRows raw = new InfluxRows(client, "acumat");
        for (String hostile : HostileValues.ALL) {
            assertThat(raw.select("SELECT * FROM \"session\" WHERE \"mat\" = $mat", Map.of("mat", hostile), false))
                    .as(hostile).isEmpty();
        }
        assertThat(rows("SHOW DATABASES")).contains(List.of("acumat"));
    }

    @Test
    void influxDbAwayOrWithoutTheDatabaseIsA503() throws Exception {
        try (HistoryQueries away = new HistoryQueries(new InfluxEndpoint(URI.create("http://127.0.0.1:1"), "acumat", null));
             HistoryQueries noDb = new HistoryQueries(new InfluxEndpoint(URI.create(influx.url()), "nodb", null));
             WebServer w1 = WebServer.start("127.0.0.1", 0, List.of(new HistoryRoutes(List::of, away)));
             WebServer w2 = WebServer.start("127.0.0.1", 0, List.of(new HistoryRoutes(List::of, noDb)))) {
            HistoryHttp.Answer a = new HistoryHttp(w1.port()).get("/api/sessions");
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.json().get("error").asText()).isEqualTo("InfluxDB is not reachable");
            HistoryHttp.Answer b = new HistoryHttp(w2.port()).get("/api/mats");
            assertThat(b.status()).isEqualTo(503);
            assertThat(b.json().get("error").asText()).isEqualTo("InfluxDB has no database 'nodb'");
        }
    }

    static List<Long> starts(JsonNode body) {
        List<Long> out = new ArrayList<>();
        body.get("sessions").forEach(s -> out.add(s.get("start_ms").asLong()));
        return out;
    }

    private static List<List<Object>> rows(String statement) {
        return client.query(new Query(statement)).getResults().get(0).getSeries().get(0).getValues();
    }
}
