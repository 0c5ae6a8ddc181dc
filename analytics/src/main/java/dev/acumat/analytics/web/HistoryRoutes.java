package dev.acumat.analytics.web;

import dev.acumat.analytics.history.DailyTotals;
import dev.acumat.analytics.history.DayTotal;
import dev.acumat.analytics.history.HistoryException;
import dev.acumat.analytics.history.HistoryJson;
import dev.acumat.analytics.history.HistoryParams;
import dev.acumat.analytics.history.HistoryQueries;
import dev.acumat.analytics.history.SessionCsv;
import dev.acumat.analytics.history.SessionDetail;
import dev.acumat.analytics.history.SessionId;
import dev.acumat.analytics.history.TimeRange;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.time.Time;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session history's REST API (docs/WEB.md): {@code /api/mats}, {@code /api/sessions},
 * {@code /api/sessions.csv}, {@code /api/sessions/{id}}, {@code /api/daily} and {@code /api/day}. Every parameter
 * is checked before anything is read ({@link HistoryParams}); an unknown or repeated parameter
 * is refused too, so a misspelt {@code form=} is an error rather than a silently wider answer.
 */
public final class HistoryRoutes implements WebRoutes {
    private static final Logger log = LoggerFactory.getLogger(HistoryRoutes.class);
    /** A mat is live when its last frame is at most this old (as /api/health judges Kafka). */
    static final double LIVE_WITHIN_S = 10;
    /** How far back a range reaches when {@code from} is not given. */
    static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    private static final List<String> LIST_PARAMS = List.of("mat", "from", "to", "limit", "tz");
    private static final List<String> RANGE_PARAMS = List.of("mat", "from", "to", "tz");
    private static final List<String> DAY_PARAMS = List.of("mat", "date", "tz", "exclude");
    /** Days are UTC days unless tz says otherwise. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final Supplier<List<LiveFeed.MatStatus>> live;
    private final HistoryQueries queries;
    /** Gives "now" in whole milliseconds: InfluxDB keeps milliseconds here, a range's ends need no more. */
    private final Time time;

    /** The analytics' own: live mats from the feed, history from the endpoint. */
    HistoryRoutes(LiveFeed feed, InfluxEndpoint influx) {
        this(feed::mats, new HistoryQueries(influx), Time.SYSTEM);
    }

    /** With the live mats from anywhere (a test: {@code List::of}). */
    public HistoryRoutes(Supplier<List<LiveFeed.MatStatus>> live, HistoryQueries queries) {
        this(live, queries, Time.SYSTEM);
    }

    HistoryRoutes(Supplier<List<LiveFeed.MatStatus>> live, HistoryQueries queries, Time time) {
        this.live = Objects.requireNonNull(live, "live");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.time = Objects.requireNonNull(time, "time");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/mats", ctx -> answer(ctx, () -> mats(ctx)));
        routes.get("/api/sessions", ctx -> answer(ctx, () -> sessions(ctx)));
        routes.get("/api/sessions.csv", ctx -> answer(ctx, () -> csv(ctx)));
        routes.get("/api/sessions/{id}", ctx -> answer(ctx, () -> session(ctx)));
        routes.get("/api/daily", ctx -> answer(ctx, () -> daily(ctx)));
        routes.get("/api/day", ctx -> answer(ctx, () -> day(ctx)));
    }

    private void mats(Context ctx) {
        query(ctx, "/api/mats", List.of());
        Map<String, Map<String, Object>> mats = new TreeMap<>();
        for (String mat : queries.mats()) {
            mats.put(mat, mat(mat, true));
        }
        for (LiveFeed.MatStatus m : live.get()) {
            Map<String, Object> entry = mats.computeIfAbsent(m.mat(), id -> mat(id, false));
            entry.put("live", m.lastFrameAgeS() <= LIVE_WITHIN_S);
            entry.put("last_frame_age_s", m.lastFrameAgeS());
        }
        ctx.json(Map.of("mats", new ArrayList<>(mats.values())));
    }

    private static Map<String, Object> mat(String id, boolean hasSessions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mat", id);
        m.put("has_sessions", hasSessions);
        m.put("live", false);
        m.put("last_frame_age_s", null);
        return m;
    }

    private void sessions(Context ctx) {
        Query q = query(ctx, "/api/sessions", LIST_PARAMS);
        int limit = HistoryParams.limit("limit", q.get("limit"), HistoryParams.DEFAULT_LIMIT, HistoryParams.MAX_LIMIT);
        ctx.json(HistoryJson.sessions(q.mat, q.range, limit, queries.latest(q.mat, q.range, limit)));
    }

    private void csv(Context ctx) {
        Query q = query(ctx, "/api/sessions.csv", RANGE_PARAMS);
        HistoryQueries.SessionPage page = all(q);
        LocalDate first = LocalDate.ofInstant(q.range.from(), q.zone);
        LocalDate last = LocalDate.ofInstant(q.range.to().minusMillis(1), q.zone);
        // Mat ids are [A-Za-z0-9._:-]; ':' is no file name character on Windows.
        String name = "acumat-sessions-" + (q.mat == null ? "all" : q.mat.replace(':', '_')) + "-" + first + "-" + last
                + ".csv";
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.result(SessionCsv.of(page.sessions()));
    }

    private void session(Context ctx) {
        query(ctx, "/api/sessions/{id}", List.of());
        String id = ctx.pathParam("id");
        SessionDetail detail = queries.session(HistoryParams.sessionId("id", id), time.instant())
                .orElseThrow(() -> ApiError.notFound("id: no session " + id));
        ctx.json(HistoryJson.detail(detail));
    }

    private void daily(Context ctx) {
        Query q = query(ctx, "/api/daily", RANGE_PARAMS);
        ctx.json(HistoryJson.daily(q.mat, q.range, q.zone, DailyTotals.of(all(q).sessions(), q.zone)));
    }

    /**
     * One mat's day for the live page's goal: the sessions that started on {@code date} in
     * {@code tz}, without {@code exclude} (the session the page counts live).
     */
    private void day(Context ctx) {
        Query q = query(ctx, "/api/day", DAY_PARAMS);
        if (q.mat == null) {
            throw ApiError.badRequest("mat: needed; /api/day is one mat's day");
        }
        LocalDate date = q.get("date") == null ? LocalDate.ofInstant(time.instant(), q.zone)
                : HistoryParams.date("date", q.get("date"));
        String exclude = null;
        if (q.get("exclude") != null) {
            SessionId id = HistoryParams.sessionId("exclude", q.get("exclude"));
            if (!id.mat().equals(q.mat)) {
                throw ApiError.badRequest("exclude: " + HistoryParams.echo(id.toString()) + " is not a session of mat "
                        + HistoryParams.echo(q.mat));
            }
            exclude = id.toString();
        }
        q.range = DayTotal.range(date, q.zone);
        ctx.json(HistoryJson.day(DayTotal.of(q.mat, date, q.zone, all(q).sessions(), exclude)));
    }

    private HistoryQueries.SessionPage all(Query q) {
        HistoryQueries.SessionPage page = queries.all(q.mat, q.range);
        if (page.more()) {
            throw ApiError.badRequest("from and to: more than " + HistoryQueries.MAX_SESSIONS
                    + " sessions in the range; narrow it, or give a mat");
        }
        return page;
    }

    /** The checked query parameters of a request. */
    private static final class Query {
        final Map<String, String> values = new LinkedHashMap<>();
        String mat;
        ZoneId zone;
        TimeRange range;

        String get(String name) {
            return values.get(name);
        }
    }

    /** Refuses unknown and repeated parameters, then checks mat, tz, from and to where {@code allowed} has them. */
    private Query query(Context ctx, String endpoint, List<String> allowed) {
        Map<String, List<String>> params = parameters(ctx.queryString());
        Query q = new Query();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!allowed.contains(p.getKey())) {
                throw ApiError.badRequest("unknown parameter " + HistoryParams.echo(p.getKey()) + "; " + endpoint
                        + (allowed.isEmpty() ? " takes none" : " takes " + String.join(", ", allowed)));
            }
            if (p.getValue().size() != 1) {
                throw ApiError.badRequest(p.getKey() + ": given more than once");
            }
            q.values.put(p.getKey(), p.getValue().get(0));
        }
        if (allowed.contains("mat")) {
            String mat = q.get("mat");
            q.mat = mat == null ? null : HistoryParams.mat("mat", mat);
            q.zone = HistoryParams.zone("tz", q.get("tz"), UTC);
        }
        if (allowed.contains("from")) {
            q.range = TimeRange.parse("from", q.get("from"), "to", q.get("to"), DEFAULT_SPAN, time.instant(), q.zone);
        }
        return q;
    }

    /**
     * The query string's parameters, decoded strictly: Javalin's lenient parser drops a name it
     * cannot decode ({@code ?%zz=1}), which would slip past the check for unknown parameters.
     */
    static Map<String, List<String>> parameters(String queryString) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return params;
        }
        for (String pair : queryString.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            // Bytes that are not UTF-8 become U+FFFD, which no check lets through.
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("the query string is not valid URL encoding");
        }
    }

    /**
     * Runs a handler with the history's errors as API errors: a refused parameter is a 400
     * naming it; InfluxDB away or refusing is a 503 or 502 without its details (they are logged).
     */
    static void answer(Context ctx, Runnable handler) {
        try {
            handler.run();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        } catch (HistoryException e) {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            switch (e.kind()) {
                case UNREACHABLE:
                    throw new ApiError(503, "InfluxDB is not reachable");
                case NO_DATABASE:
                    throw new ApiError(503, e.getMessage());
                default:
                    throw new ApiError(502, "InfluxDB refused the history query");
            }
        }
    }
}
