package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.Resources;
import dev.acumat.analytics.history.HistoryHttp;
import dev.acumat.analytics.history.HistoryParams;
import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.history.HostileValues;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.protocol.WireFormat;
import java.net.URI;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/day} without an InfluxDB: every parameter is checked before anything is asked
 * of it, so a bad one is a 400 naming it, and a good request a 503 saying InfluxDB is away (the
 * live page then counts the running session alone and says so). Its answers with an InfluxDB:
 * HistoryApiIT.
 */
class DayRouteTest {
    private static WebServer web;
    private static HistoryQueries away;
    private static HistoryHttp http;

    @BeforeAll
    static void start() {
        away = new HistoryQueries(new InfluxEndpoint(URI.create("http://127.0.0.1:1"), "acumat", null));
        web = WebServer.start("127.0.0.1", 0, List.of(new HistoryRoutes(List::of, away)));
        http = new HistoryHttp(web.port());
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(web, away);
    }

    @Test
    void aGoodRequestWithInfluxDbAwayIsA503() throws Exception {
        for (String q : new String[] {"mat=mat-1", "mat=mat-1&date=2026-11-25&tz=Europe%2FBerlin",
            "mat=mat.1&date=2026-11-25&tz=UTC&exclude=mat.1.1795592005000"}) {
            HistoryHttp.Answer a = http.get("/api/day?" + q);
            assertThat(a.status()).as(q).isEqualTo(503);
            assertThat(a.json().get("error").asText()).isEqualTo("InfluxDB is not reachable");
        }
    }

    @Test
    void badParametersAreNamed() throws Exception {
        refused("/api/day", "mat: needed; /api/day is one mat's day");
        refused("/api/day?date=2026-11-25", "mat: needed; /api/day is one mat's day");
        refused("/api/day?mat=mat-1&date=2026-02-30", "date: a date from 1970 to 2199 like 2026-11-25, got '2026-02-30'");
        refused("/api/day?mat=mat-1&date=7d", "date: a date from 1970 to 2199 like 2026-11-25, got '7d'");
        refused("/api/day?mat=mat-1&exclude=mat-2.1795592005000",
                "exclude: 'mat-2.1795592005000' is not a session of mat 'mat-1'");
        refused("/api/day?mat=mat-1&exclude=mat-1", "exclude: a session id is MAT.START_MS, e.g. mat-1.1795592005000,"
                + " got 'mat-1'");
        refused("/api/day?mat=mat-1&from=1d", "unknown parameter 'from'; /api/day takes mat, date, tz, exclude");
        refused("/api/day?mat=mat-1&mat=mat-2", "mat: given more than once");
        refused("/api/day?mat=mat-1&tz=Mars%2FOlympus", "tz: unknown time zone 'Mars/Olympus'; give an IANA name like"
                + " Europe/Berlin, or UTC");
    }

    @Test
    void hostileValuesInEveryParameterAreA4xxNeverA500() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String value : HostileValues.ALL) {
            for (String p : List.of("mat", "date", "tz", "exclude")) {
                String url = "/api/day?" + (p.equals("mat") ? "" : "mat=mat-B&") + p + "=" + HistoryHttp.encode(value);
                HistoryHttp.Answer a = http.get(url);
                // A value that passes the checks (a mat id "null", a time zone "-1") reaches the absent InfluxDB: 503.
                soft.assertThat(a.status() == 503 || a.status() >= 400 && a.status() < 500)
                        .as("%s -> %s", HistoryParams.echo(url), a.body()).isTrue();
                soft.assertThat(a.isJson()).as(url).isTrue();
                if (a.isJson()) {
                    soft.assertThat(a.json().path("status").asInt()).as(url).isEqualTo(a.status());
                    soft.assertThat(a.json().path("error").asText()).as(url).isNotBlank().doesNotContain("\n");
                }
                if (a.status() == 503) {
                    soft.assertThat(p.equals("tz") || p.equals("mat") && WireFormat.isValidMatId(value))
                            .as("%s passed the checks", HistoryParams.echo(url)).isTrue();
                }
            }
        }
        soft.assertAll();
    }

    private static void refused(String url, String error) throws Exception {
        HistoryHttp.Answer a = http.get(url);
        assertThat(a.status()).as(url + " -> " + a.body()).isEqualTo(400);
        assertThat(a.json().get("error").asText()).as(url).isEqualTo(error);
    }
}
