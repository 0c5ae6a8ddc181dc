package dev.acumat.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every parameter check and every message it gives: the API and the command line share them. */
class HistoryParamsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");

    @Test
    void matIdsFollowTheWireFormat() {
        assertThat(HistoryParams.mat("mat", "mat-1")).isEqualTo("mat-1");
        assertThat(HistoryParams.mat("--mat", "A.b_c:9-")).isEqualTo("A.b_c:9-");
        assertThat(HistoryParams.mat("mat", "m".repeat(64))).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mat 1", "m\u00e4t", "\ud83d\ude00", "x'", "x\"", "a;b", "/.*/", "a\\b", "a\nb", "a=b"})
    void aMatIdOutsideTheAlphabetIsNamed(String bad) {
        assertThatThrownBy(() -> HistoryParams.mat("mat", bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mat: a mat id is 1..64 characters of A-Z a-z 0-9 . _ : -, got '")
                .hasMessageNotContaining("\n");
    }

    @Test
    void matMessagesForEmptyLongAndOverLongValues() {
        assertThatThrownBy(() -> HistoryParams.mat("mat", "")).hasMessage("mat: empty; leave it out for every mat");
        assertThatThrownBy(() -> HistoryParams.mat("--mat", "m".repeat(65)))
                .hasMessage("--mat: a mat id is 1..64 characters of A-Z a-z 0-9 . _ : -, got '" + "m".repeat(61) + "...'");
        assertThatThrownBy(() -> HistoryParams.mat("mat", "m".repeat(10_000)))
                .hasMessage("mat: longer than 200 characters");
    }

    @Test
    void sessionIdsAreAMatAndAStart() {
        assertThat(HistoryParams.sessionId("id", "mat-1.1795592005000")).isEqualTo(new SessionId("mat-1", 1795592005000L));
        assertThat(HistoryParams.sessionId("id", "a.b.c.12")).isEqualTo(new SessionId("a.b.c", 12));
        assertThat(new SessionId("a.b", 5).toString()).isEqualTo("a.b.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mat-1", "mat-1.", ".123", "mat-1.12a", "mat 1.123", "mat-1.-5", "m\u00e4t.1", "x'.1",
        "mat-1.99999999999999999999", "/.*/.1"})
    void aMalformedSessionIdIsNamed(String bad) {
        assertThatThrownBy(() -> HistoryParams.sessionId("id", bad))
                .hasMessageStartingWith("id: a session id is MAT.START_MS, e.g. mat-1.1795592005000, got '");
    }

    @Test
    void aSessionStartOutOfRangeIsNamed() {
        assertThatThrownBy(() -> HistoryParams.sessionId("id", "mat-1.9999999999999999"))
                .hasMessage("id: the start of session 'mat-1.9999999999999999' is out of range (1970 to 2199)");
        assertThatThrownBy(() -> HistoryParams.sessionId("id", "")).hasMessage("id: empty; leave it out for the default");
    }

    @Test
    void limitsAreWholeNumbersInRange() {
        assertThat(HistoryParams.limit("limit", null, 100, 1000)).isEqualTo(100);
        assertThat(HistoryParams.limit("limit", "1", 100, 1000)).isEqualTo(1);
        assertThat(HistoryParams.limit("limit", "1000", 100, 1000)).isEqualTo(1000);
        for (String bad : new String[] {"0", "-1", "1001", "1e3", "ten", " 5", "99999999999999999999", "5;"}) {
            assertThatThrownBy(() -> HistoryParams.limit("limit", bad, 100, 1000)).as(bad)
                    .hasMessage("limit: a whole number 1..1000, got '" + bad + "'");
        }
        assertThatThrownBy(() -> HistoryParams.limit("limit", "", 100, 1000))
                .hasMessage("limit: empty; leave it out for the default");
    }

    @Test
    void datesAreCalendarDaysFrom1970To2199() {
        assertThat(HistoryParams.date("date", "2026-11-25")).isEqualTo(java.time.LocalDate.of(2026, 11, 25));
        assertThat(HistoryParams.date("date", "2024-02-29")).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
        for (String bad : new String[] {"2026-13-01", "2026-02-30", "2025-02-29", "1969-12-31", "2200-01-01",
            "26-11-25", "2026-11-25T00:00:00Z", "2026/11/25", "today", "+2026-11-25", " 2026-11-25", ""}) {
            assertThatThrownBy(() -> HistoryParams.date("date", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("date: ");
        }
    }

    @Test
    void zonesAreIanaNamesOrOffsets() {
        assertThat(HistoryParams.zone("tz", null, ZoneOffset.UTC)).isEqualTo(ZoneOffset.UTC);
        assertThat(HistoryParams.zone("tz", "Europe/Berlin", ZoneOffset.UTC)).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(HistoryParams.zone("tz", "+01:00", ZoneOffset.UTC)).isEqualTo(ZoneOffset.ofHours(1));
        for (String bad : new String[] {"Mars/Olympus", "Europe/Berlin'", "../../etc/passwd", "CET;", "\u00e4"}) {
            assertThatThrownBy(() -> HistoryParams.zone("tz", bad, ZoneOffset.UTC)).as(bad)
                    .hasMessage("tz: unknown time zone '" + bad + "'; give an IANA name like Europe/Berlin, or UTC");
        }
    }

    @Test
    void timesInEveryForm() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(parse("now", TimeParam.End.END, berlin)).isEqualTo(NOW);
        assertThat(parse("7d", TimeParam.End.START, berlin)).isEqualTo(NOW.minusSeconds(7 * 86400));
        assertThat(parse("12h", TimeParam.End.START, berlin)).isEqualTo(NOW.minusSeconds(12 * 3600));
        assertThat(parse("30m", TimeParam.End.START, berlin)).isEqualTo(NOW.minusSeconds(30 * 60));
        assertThat(parse("45s", TimeParam.End.START, berlin)).isEqualTo(NOW.minusSeconds(45));
        assertThat(parse("2w", TimeParam.End.START, berlin)).isEqualTo(NOW.minusSeconds(14 * 86400));
        assertThat(parse("2026-11-25T08:00:00Z", TimeParam.End.START, berlin))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(parse("2026-11-25T09:00:00.250+01:00", TimeParam.End.START, berlin))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00.250Z"));
        // A date is a whole day in the zone: its start as a start, the next day's start as an end.
        assertThat(parse("2026-11-25", TimeParam.End.START, berlin)).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
        assertThat(parse("2026-11-25", TimeParam.End.END, berlin)).isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));
        assertThat(parse("2026-11-25", TimeParam.End.END, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "7 d", "7D", "-7d", "1234567d", "2026-02-30", "2026-11-25T08:00:00",
        "2026-11-25 08:00:00Z", "now'", "'; DROP DATABASE acumat", "/.*/", "\u00e4", "7d\n", "1.5h"})
    void aTimeInNoKnownFormIsNamed(String bad) {
        assertThatThrownBy(() -> parse("from", bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("from: give an ISO-8601 time (2026-11-25T08:00:00Z), a date (2026-11-25),"
                        + " a time back from now (30m, 12h, 7d) or now, got '")
                .hasMessageNotContaining("\n");
    }

    @Test
    void timesOutsideWhatInfluxDbKeepsAreNamed() {
        assertThatThrownBy(() -> parse("to", "+10000-01-01T00:00:00Z"))
                .hasMessage("to: '+10000-01-01T00:00:00Z' is out of range (1970 to 2199)");
        assertThatThrownBy(() -> parse("from", "1969-12-31")).hasMessage("from: '1969-12-31' is out of range (1970 to 2199)");
        assertThatThrownBy(() -> parse("from", "999999w")).hasMessage("from: '999999w' is out of range (1970 to 2199)");
        assertThatThrownBy(() -> parse("from", "")).hasMessage("from: empty; leave it out for the default");
        assertThatThrownBy(() -> parse("from", "1".repeat(201))).hasMessage("from: longer than 200 characters");
    }

    @Test
    void rangesAreForwardAndAtMostAsLongAsInfluxDbKeepsSessions() {
        Duration month = Duration.ofDays(30);
        assertThat(range(null, null, month)).isEqualTo(new TimeRange(NOW.minus(month), NOW));
        TimeRange day = range("2026-11-25", "2026-11-25", month);
        assertThat(day).isEqualTo(new TimeRange(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z")));
        // Without a start, the span reaches back from the end, wherever that is.
        assertThat(range(null, "2026-01-01", Duration.ofDays(7)))
                .isEqualTo(new TimeRange(Instant.parse("2025-12-26T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(range(null, "1970-01-01", month).from()).isEqualTo(Instant.EPOCH);
        assertThat(range("730d", null, month).from()).isEqualTo(NOW.minus(Duration.ofDays(730)));
        assertThat(TimeRange.MAX_DAYS).as("the rollup policy's duration").isEqualTo(730);
        assertThatThrownBy(() -> range("now", "1h", month))
                .hasMessage("to must be after from, got from 2026-11-25T08:30:00Z and to 2026-11-25T07:30:00Z");
        assertThatThrownBy(() -> range("now", "now", month)).hasMessageStartingWith("to must be after from");
        assertThatThrownBy(() -> TimeRange.parse("--since", "731d", "--until", null, month, NOW, ZoneOffset.UTC))
                .hasMessage("--since and --until: at most 730 days apart, got 731 days");
        assertThatThrownBy(() -> range("2026-11-25", "2026-11-24", month))
                .hasMessage("to must be after from, got from 2026-11-25T00:00:00Z and to 2026-11-25T00:00:00Z");
    }

    private static TimeRange range(String from, String to, Duration span) {
        return TimeRange.parse("from", from, "to", to, span, NOW, ZoneOffset.UTC);
    }

    @Test
    void echoesStayOnOneLineAndShort() {
        assertThat(HistoryParams.echo("a\nb\u0000c")).isEqualTo("'a?b?c'");
        assertThat(HistoryParams.echo("x".repeat(100))).hasSize(66).endsWith("...'");
    }

    private static Instant parse(String name, String value) {
        return TimeParam.parse(name, value, TimeParam.End.START, NOW, ZoneOffset.UTC);
    }

    private static Instant parse(String value, TimeParam.End end, ZoneId zone) {
        return TimeParam.parse("from", value, end, NOW, zone);
    }
}
