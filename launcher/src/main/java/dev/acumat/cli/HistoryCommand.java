package dev.acumat.cli;

import dev.acumat.analytics.history.DailyTable;
import dev.acumat.analytics.history.DailyTotals;
import dev.acumat.analytics.history.HistoryException;
import dev.acumat.analytics.history.HistoryJson;
import dev.acumat.analytics.history.HistoryParams;
import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.history.SessionCsv;
import dev.acumat.analytics.history.SessionTable;
import dev.acumat.analytics.history.StoredSession;
import dev.acumat.analytics.history.TimeRange;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.time.Time;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acumat history}: the session history from InfluxDB, as a table, CSV or JSON. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the session history from InfluxDB (without --influx: the local demo's, found under the"
                + " data directory, ACUMAT_DATA_DIR, else ~/.acumat): a line per session (start, time on the mat,"
                + " time with the lower back on the spikes, mean lower-back coverage, posture shifts, postures),"
                + " oldest first, and the totals. The same data as the web page's REST API (GET /api/sessions).",
                "Times: ISO-8601 (2026-11-25T08:00:00Z), a date (2026-11-25: the whole day, in --tz), a time back"
                        + " from now (30m, 12h, 7d, 2w) or now."})
final class HistoryCommand extends Subcommand {
    /** How far back --since reaches when not given: a week, the span a person looks back on. */
    static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    /** A command line may list more than a page of the API: a whole range as CSV, say. */
    static final int MAX_LIMIT = HistoryQueries.MAX_SESSIONS;

    @CommandLine.Mixin
    InfluxOptions influx;

    @Option(names = "--mat", paramLabel = "ID", description = "Only this mat's sessions. Default: every mat's.")
    String mat;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Sessions that started at or after this. Default: 7 days before --until.")
    String since;

    @Option(names = "--until", paramLabel = "WHEN",
            description = "Sessions that started before this (a date: up to its end). Default: now.")
    String until;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most the latest N sessions (1..100000). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = "table (aligned columns and totals), csv (a header row, RFC 4180) or json (the body of GET"
                    + " /api/sessions, newest first). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--daily",
            description = "Per-day totals instead of sessions: a line per mat and day with a session (lower-back time,"
                    + " time on the mat, sessions, shifts), days in --tz; json is the body of GET /api/daily.")
    boolean daily;

    @CommandLine.Mixin
    ZoneOption tz;

    @Override
    public Integer call() throws Exception {
        if (!List.of("table", "csv", "json").contains(format)) {
            throw usage("--format must be table, csv or json, got " + HistoryParams.echo(format));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw usage("--limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        ZoneId zone;
        TimeRange range;
        InfluxEndpoint endpoint;
        try {
            mat = mat == null ? null : HistoryParams.mat("--mat", mat);
            zone = tz.zone();
            range = TimeRange.parse("--since", since, "--until", until, DEFAULT_SPAN,
                    Time.SYSTEM.instant(), zone);
            endpoint = influx.orLocalDemo();
        } catch (IllegalArgumentException e) {
            throw settingError(e);
        }
        HistoryQueries.SessionPage page;
        try (HistoryQueries queries = new HistoryQueries(endpoint)) {
            page = daily ? queries.all(mat, range) : queries.latest(mat, range, limit);
        } catch (HistoryException e) {
            throw new IllegalStateException(failure(e, endpoint));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (daily) {
            List<DailyTotals.Day> days = DailyTotals.of(page.sessions(), zone);
            switch (format) {
                case "json" -> {
                    HistoryJson.write(HistoryJson.daily(mat, range, zone, days), out);
                    out.println();
                }
                case "csv" -> out.print(DailyTable.csv(days));
                default -> out.print(DailyTable.render(days, mat == null));
            }
        } else if (format.equals("json")) {
            HistoryJson.write(HistoryJson.sessions(mat, range, limit, page), out);
            out.println();
        } else {
            List<StoredSession> oldestFirst = new ArrayList<>(page.sessions());
            Collections.reverse(oldestFirst);
            out.print(format.equals("csv") ? SessionCsv.of(oldestFirst)
                    : SessionTable.render(oldestFirst, mat == null, zone, page.more()));
        }
        out.flush();
        return out.checkError() ? 1 : 0;
    }

    private String failure(HistoryException e, InfluxEndpoint endpoint) {
        String where = "InfluxDB at " + endpoint.url();
        switch (e.kind()) {
            case UNREACHABLE:
                return where + " does not answer" + (influx.url == null ? " (the local demo's: is ./acumat demo running?)"
                        : "");
            case NO_DATABASE:
                return where + " has no database '" + endpoint.database() + "' (--db)";
            default:
                return e.getMessage() + " (" + endpoint.url() + ")";
        }
    }
}
