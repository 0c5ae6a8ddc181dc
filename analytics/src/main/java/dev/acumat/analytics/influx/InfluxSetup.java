package dev.acumat.analytics.influx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates what the sink needs on an InfluxDB 1.x server, where it is missing, and changes nothing
 * that exists (a user's longer or shorter durations stay). Running it again is harmless.
 *
 * <ul>
 *   <li>The database ({@code --db}, default {@code acumat}), created with the retention policy
 *       {@value #RAW_POLICY} (30 days) as its default: {@code contact} and {@code device_health}
 *       points, and everything else, land there, so the contract's plain
 *       {@code SELECT ... FROM contact} finds them. A database that already exists keeps its own
 *       default policy (often {@code autogen}, kept forever); raw is then not added.</li>
 *   <li>The retention policy {@value #ROLLUP_POLICY} (2 years), not the default. It holds
 *       {@code contact_1m}, and a second copy of {@code session} and {@code posture_shift} points
 *       (written by {@link InfluxWriter}): the history people look back on outlives the raw data,
 *       while the contract's plain {@code FROM session} still sees the last 30 days.</li>
 *   <li>The continuous query {@value #CONTACT_CQ}: every minute, from the default policy's
 *       {@code contact}, per mat, the mean of {@code contact_ratio}, {@code lower_back_coverage}
 *       and {@code contact_area_cm2}, the max of {@code peak_pressure}, the most common
 *       {@code posture}, and the number of samples, into {@code rollup.contact_1m}. It re-runs
 *       the last 2 minutes (RESAMPLE FOR 2m) for points that arrive late; points later than that
 *       (a replay, a consumer catching up after an outage) are rolled up by
 *       {@link #backfillRollup}.</li>
 * </ul>
 * Statements name the database and policies as quoted identifiers (InfluxQL cannot bind
 * identifiers; the database name is checked by {@link InfluxEndpoint#checkDatabase}), and bind
 * values ({@link BoundParameterQuery}). InfluxDB 2.x and 3.x have no such statements: see
 * package-info for what to create there.
 */
public final class InfluxSetup {
    public static final String RAW_POLICY = "raw";
    public static final Duration RAW_DURATION = Duration.ofDays(30);
    public static final String ROLLUP_POLICY = "rollup";
    public static final Duration ROLLUP_DURATION = Duration.ofDays(730);
    public static final String CONTACT_CQ = "contact_1m";

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSetup.class);

    private final InfluxDB influx;
    private final String database;

    /** {@code influx} from {@link InfluxEndpoint#connect()}; the caller closes it. */
    public InfluxSetup(InfluxDB influx, String database) {
        this.influx = Objects.requireNonNull(influx, "influx");
        this.database = InfluxEndpoint.checkDatabase(database);
    }

    /**
     * What {@link #ensure()} found and did.
     *
     * @param managed false when the server is not 1.x and nothing was looked at or made
     * @param defaultPolicy the database's default retention policy (where raw points land)
     */
    public record Report(String serverVersion, boolean managed, boolean createdDatabase, boolean createdRollupPolicy,
                         boolean createdContinuousQuery, String defaultPolicy) {
    }

    /**
     * Creates the database, the rollup policy and the continuous query where missing, on 1.x. On
     * 2.x and 3.x (which have no such statements) it does nothing but log what to create by hand,
     * and returns a report that is not {@code managed}: the writes may well work there.
     *
     * @throws IllegalStateException when the server refuses a statement (for example: the user
     *     is no admin), with InfluxDB's message
     * @throws org.influxdb.InfluxDBIOException when the server does not answer
     */
    public Report ensure() {
        String version = influx.version();
        if (version == null || !(version.startsWith("1.") || version.startsWith("v1."))) {
            LOG.warn("InfluxDB at this URL is version {}: its database, retention policies and continuous query are"
                    + " not made by acumat (1.x only); create them as the analytics influx package documentation says",
                    version);
            return new Report(version, false, false, false, false, null);
        }
        boolean createdDatabase = false;
        if (!databaseExists()) {
            execute("CREATE DATABASE " + id(database) + " WITH DURATION " + duration(RAW_DURATION)
                    + " REPLICATION 1 SHARD DURATION 1d NAME " + id(RAW_POLICY));
            createdDatabase = true;
            LOG.info("created InfluxDB database {} (default retention policy {}, {} days)", database, RAW_POLICY,
                    RAW_DURATION.toDays());
        }
        List<List<Object>> policies = rows(execute("SHOW RETENTION POLICIES ON " + id(database)));
        String defaultPolicy = null;
        boolean hasRollup = false;
        for (List<Object> row : policies) {
            // name, duration, shardGroupDuration, replicaN, default
            hasRollup |= ROLLUP_POLICY.equals(row.get(0));
            if (Boolean.TRUE.equals(row.get(4))) {
                defaultPolicy = String.valueOf(row.get(0));
            }
        }
        if (!hasRollup) {
            execute("CREATE RETENTION POLICY " + id(ROLLUP_POLICY) + " ON " + id(database) + " DURATION "
                    + duration(ROLLUP_DURATION) + " REPLICATION 1 SHARD DURATION 30d");
        }
        boolean createdCq = false;
        if (!continuousQueryExists()) {
            execute("CREATE CONTINUOUS QUERY " + id(CONTACT_CQ) + " ON " + id(database)
                    + " RESAMPLE EVERY 1m FOR 2m BEGIN " + rollupSelect("") + " END");
            createdCq = true;
        }
        if (!RAW_POLICY.equals(defaultPolicy)) {
            LOG.info("InfluxDB database {} keeps its default retention policy {}: raw points are kept as it says,"
                    + " not {} days", database, defaultPolicy, RAW_DURATION.toDays());
        }
        return new Report(version, true, createdDatabase, !hasRollup, createdCq, defaultPolicy);
    }

    /**
     * Rolls up {@code contact} points in [{@code from}, {@code to}) into {@code rollup.contact_1m},
     * the continuous query's work for a time it did not see (it only looks 2 minutes back):
     * after a replay, or when the consumer catches up after an outage. Whole minutes are
     * recomputed, so running it twice gives the same result.
     *
     * @return the number of one-minute points written
     */
    public long backfillRollup(Instant from, Instant to) {
        Query query = BoundParameterQuery.QueryBuilder
                .newQuery(rollupSelect(" WHERE time >= $from AND time < $to"))
                .forDatabase(database)
                .bind("from", from.toString())
                .bind("to", to.toString())
                .create();
        List<List<Object>> rows = rows(execute(query));
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
    }

    /** The rollup's SELECT ... INTO, with {@code where} before its GROUP BY. */
    String rollupSelect(String where) {
        return "SELECT mean(\"contact_ratio\") AS \"contact_ratio\", mean(\"lower_back_coverage\") AS"
                + " \"lower_back_coverage\", mean(\"contact_area_cm2\") AS \"contact_area_cm2\","
                + " max(\"peak_pressure\") AS \"peak_pressure\", mode(\"posture\") AS \"posture\","
                + " count(\"contact_ratio\") AS \"samples\""
                + " INTO " + id(database) + "." + id(ROLLUP_POLICY) + "." + id(InfluxSchema.CONTACT_1M)
                + " FROM " + id(database) + ".." + id(InfluxSchema.CONTACT)
                + where + " GROUP BY time(1m), " + id(InfluxSchema.TAG_MAT);
    }

    private boolean databaseExists() {
        for (List<Object> row : rows(execute("SHOW DATABASES"))) {
            if (database.equals(row.get(0))) {
                return true;
            }
        }
        return false;
    }

    private boolean continuousQueryExists() {
        QueryResult result = execute("SHOW CONTINUOUS QUERIES");
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : r.getSeries()) {
                if (database.equals(series.getName()) && series.getValues() != null) {
                    for (List<Object> row : series.getValues()) {
                        if (CONTACT_CQ.equals(row.get(0))) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private QueryResult execute(String statement) {
        return execute(new Query(statement, null, true));
    }

    private QueryResult execute(Query query) {
        QueryResult result = influx.query(query);
        List<String> errors = new ArrayList<>();
        if (result.getError() != null) {
            errors.add(result.getError());
        }
        if (result.getResults() != null) {
            for (QueryResult.Result r : result.getResults()) {
                if (r.getError() != null) {
                    errors.add(r.getError());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("InfluxDB refused \"" + query.getCommand() + "\": " + String.join("; ", errors));
        }
        return result;
    }

    /** The rows of the first series of the first result; empty when there is none. */
    private static List<List<Object>> rows(QueryResult result) {
        if (result.getResults() == null || result.getResults().isEmpty()) {
            return List.of();
        }
        List<QueryResult.Series> series = result.getResults().get(0).getSeries();
        if (series == null || series.isEmpty() || series.get(0).getValues() == null) {
            return List.of();
        }
        return series.get(0).getValues();
    }

    /** An InfluxQL quoted identifier. */
    static String id(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String duration(Duration d) {
        return d.toDays() + "d";
    }
}
