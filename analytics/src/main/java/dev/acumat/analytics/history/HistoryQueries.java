package dev.acumat.analytics.history;

import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.influx.InfluxSchema;
import dev.acumat.analytics.influx.InfluxSetup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.influxdb.InfluxDB;

/**
 * The session history as InfluxDB holds it ({@link dev.acumat.analytics.influx.InfluxSchema}), read with bound parameters
 * only: values (mat ids, session ids, times, limits) travel as {@code $params}, and the
 * statements are built from this class's constants alone (identifiers cannot be bound in
 * InfluxQL, so none comes from outside; the database is {@code --db}, checked by
 * {@link InfluxEndpoint#checkDatabase}).
 *
 * <h2>Two copies of every session</h2>
 * The sink writes each session and shift point to the database's default policy ({@code raw},
 * 30 days) and again to {@code rollup} (2 years; influx package-info). Sessions are read from
 * both and merged by mat and start, the default policy's copy first (it is written first, so it
 * is never the older one), so that history beyond 30 days works, and so does a database without
 * a rollup policy (InfluxDB 3.x, or one made by hand). Contact points live only in the default
 * policy; an older session's contact comes from the one-minute means in {@code rollup.contact_1m}.
 *
 * <p>Instances are thread-safe (influxdb-java's client is).
 */
public final class HistoryQueries implements AutoCloseable {
    /** A session's contact curve has at most this many points. */
    public static final int MAX_CONTACT_POINTS = 2000;
    /** A range listing (CSV, daily totals) reads at most this many sessions. */
    public static final int MAX_SESSIONS = 100_000;
    private static final int MAX_SHIFTS = 10_000;
    /** Contact is averaged over the narrowest of these widths (seconds) that fits the session. */
    private static final long[] STEPS_S = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600,
        43200, 86400};

    private static final String SESSION = q(InfluxSchema.SESSION);
    private static final String SESSION_LONG = q(InfluxSetup.ROLLUP_POLICY) + "." + SESSION;
    private static final String SHIFT = q(InfluxSchema.POSTURE_SHIFT);
    private static final String SHIFT_LONG = q(InfluxSetup.ROLLUP_POLICY) + "." + SHIFT;
    private static final String CONTACT = q(InfluxSchema.CONTACT);
    private static final String CONTACT_1M = q(InfluxSetup.ROLLUP_POLICY) + "." + q(InfluxSchema.CONTACT_1M);
    private static final String MAT = q(InfluxSchema.TAG_MAT);

    private final InfluxRows rows;
    private final InfluxDB client;
    private final boolean owned;

    /** Connects to the endpoint; {@link #close()} closes that connection. */
    public HistoryQueries(InfluxEndpoint endpoint) {
        this(endpoint.connect(), endpoint.database(), true);
    }

    /** On a client the caller owns and closes. */
    public HistoryQueries(InfluxDB client, String database) {
        this(client, database, false);
    }

    private HistoryQueries(InfluxDB client, String database, boolean owned) {
        this.client = client;
        this.rows = new InfluxRows(client, InfluxEndpoint.checkDatabase(database));
        this.owned = owned;
    }

    /** Sessions, newest or oldest first, and whether there were more than the limit. */
    public record SessionPage(List<StoredSession> sessions, boolean more) {
        public SessionPage {
            sessions = List.copyOf(sessions);
        }
    }

    /** Every mat with a session in InfluxDB, sorted. */
    public List<String> mats() {
        TreeSet<String> mats = new TreeSet<>();
        for (Map<String, Object> row : rows.select("SHOW TAG VALUES FROM " + SESSION + " WITH KEY = " + MAT,
                Map.of(), false)) {
            if (row.get("value") instanceof String) {
                mats.add((String) row.get("value"));
            }
        }
        return List.copyOf(mats);
    }

    /** The newest {@code limit} sessions starting in the range, newest first; {@code mat} null for every mat. */
    public SessionPage latest(String mat, TimeRange range, int limit) {
        return sessions(mat, range, limit, true);
    }

    /** Every session starting in the range, oldest first, up to {@link #MAX_SESSIONS}. */
    public SessionPage all(String mat, TimeRange range) {
        return sessions(mat, range, MAX_SESSIONS, false);
    }

    private SessionPage sessions(String mat, TimeRange range, int limit, boolean newestFirst) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", range.from().toString());
        params.put("to", range.to().toString());
        params.put("limit", limit + 1);
        String where = " WHERE time >= $from AND time < $to";
        if (mat != null) {
            params.put("mat", HistoryParams.mat("mat", mat));
            where += " AND " + MAT + " = $mat";
        }
        String tail = where + (newestFirst ? " ORDER BY time DESC" : "") + " LIMIT $limit";
        Map<String, StoredSession> merged = new LinkedHashMap<>();
        for (boolean longCopy : new boolean[] {false, true}) {
            for (Map<String, Object> row : rows.select("SELECT * FROM " + (longCopy ? SESSION_LONG : SESSION) + tail,
                    params, longCopy)) {
                StoredSession s = StoredSession.fromRow(row);
                if (s != null) {
                    merged.putIfAbsent(s.mat() + "\n" + s.startMs(), s);
                }
            }
        }
        Comparator<StoredSession> order = Comparator.comparingLong(StoredSession::startMs)
                .thenComparing(StoredSession::mat);
        List<StoredSession> sorted = new ArrayList<>(merged.values());
        sorted.sort(newestFirst ? order.reversed() : order);
        boolean more = sorted.size() > limit;
        return new SessionPage(more ? sorted.subList(0, limit) : sorted, more);
    }

    /**
     * One session with its contact curve and shifts, or empty when there is no such session.
     *
     * @param now the end of a running session's contact curve
     */
    public Optional<SessionDetail> session(SessionId id, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mat", HistoryParams.mat("mat", id.mat()));
        params.put("id", id.toString());
        params.put("from", Instant.ofEpochMilli(id.startMs()).toString());
        params.put("to", Instant.ofEpochMilli(id.startMs() + 1).toString());
        String where = " WHERE " + MAT + " = $mat AND \"session_id\" = $id AND time >= $from AND time < $to";
        StoredSession session = null;
        for (boolean longCopy : new boolean[] {false, true}) {
            for (Map<String, Object> row : rows.select("SELECT * FROM " + (longCopy ? SESSION_LONG : SESSION) + where,
                    params, longCopy)) {
                session = session != null ? session : StoredSession.fromRow(row);
            }
        }
        if (session == null) {
            return Optional.empty();
        }
        // A running session's point is up to 10 s old: its curve runs to now. A corrupt duration
        // must not make a range InfluxDB cannot read.
        long end = session.active() ? Math.max(session.endMs(), now.toEpochMilli()) : session.endMs();
        end = Math.min(end, session.startMs() + TimeRange.MAX_DAYS * 86_400_000L) + 1;
        params.put("to", Instant.ofEpochMilli(end).toString());
        int step = step(end - session.startMs(), 0);
        String source = "raw";
        List<SessionDetail.ContactSample> contact = contact(CONTACT, params, step, session.startMs());
        if (contact.isEmpty()) {
            // Older than the raw policy keeps: the one-minute means, from the minute the session began in.
            source = "rollup";
            step = step(end - session.startMs(), 60);
            Map<String, Object> minutes = new LinkedHashMap<>(params);
            minutes.put("from", Instant.ofEpochMilli(Math.floorDiv(session.startMs(), 60_000L) * 60_000).toString());
            contact = contact(CONTACT_1M, minutes, step, session.startMs());
            source = contact.isEmpty() ? "none" : source;
        }
        return Optional.of(new SessionDetail(session, source, STEPS_S[step], contact, shifts(params)));
    }

    /** The index in {@link #STEPS_S} of the narrowest width of at least {@code minS} giving few enough points. */
    static int step(long spanMs, long minS) {
        for (int i = 0; i < STEPS_S.length; i++) {
            // Buckets are aligned to the epoch, so a span can touch one bucket more than it covers.
            if (STEPS_S[i] >= minS && spanMs / (STEPS_S[i] * 1000) + 2 <= MAX_CONTACT_POINTS) {
                return i;
            }
        }
        return STEPS_S.length - 1;
    }

    private List<SessionDetail.ContactSample> contact(String measurement, Map<String, Object> params, int step,
                                                      long startMs) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.remove("id");
        String statement = "SELECT mean(\"lower_back_coverage\") AS \"lower_back_coverage\", mean(\"contact_ratio\")"
                + " AS \"contact_ratio\", mode(\"posture\") AS \"posture\" FROM " + measurement + " WHERE " + MAT
                + " = $mat AND time >= $from AND time < $to GROUP BY time(" + STEPS_S[step] + "s) fill(none)";
        List<SessionDetail.ContactSample> out = new ArrayList<>();
        for (Map<String, Object> row : rows.select(statement, p, measurement.equals(CONTACT_1M))) {
            if (row.get("time") instanceof Number) {
                out.add(new SessionDetail.ContactSample(Math.max(startMs, ((Number) row.get("time")).longValue()),
                        InfluxRows.decimal(row.get("lower_back_coverage")), InfluxRows.decimal(row.get("contact_ratio")),
                        row.get("posture") instanceof String ? (String) row.get("posture") : null));
            }
        }
        return out;
    }

    private List<SessionDetail.Shift> shifts(Map<String, Object> params) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("limit", MAX_SHIFTS);
        Map<Long, SessionDetail.Shift> merged = new LinkedHashMap<>();
        for (boolean longCopy : new boolean[] {false, true}) {
            String statement = "SELECT * FROM " + (longCopy ? SHIFT_LONG : SHIFT) + " WHERE " + MAT
                    + " = $mat AND \"session_id\" = $id AND time >= $from AND time < $to LIMIT $limit";
            for (Map<String, Object> row : rows.select(statement, p, longCopy)) {
                if (row.get("time") instanceof Number) {
                    long t = ((Number) row.get("time")).longValue();
                    merged.putIfAbsent(t, new SessionDetail.Shift(t, InfluxRows.text(row.get("from")),
                            InfluxRows.text(row.get("to")), InfluxRows.decimal(row.get("cop_shift_cm"))));
                }
            }
        }
        List<SessionDetail.Shift> out = new ArrayList<>(merged.values());
        out.sort(Comparator.comparingLong(SessionDetail.Shift::timeMs));
        return out;
    }

    /** An InfluxQL quoted identifier, for this class's constants. */
    private static String q(String name) {
        return "\"" + name + "\"";
    }

    @Override
    public void close() {
        if (owned) {
            client.close();
        }
    }
}
