package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.time.RealTime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import dev.acumat.servers.LocalInflux;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sink against a real influxd (Debian's influxdb package, started by LocalInflux). */
class InfluxSinkIT {
    /**
     * Ten seconds into the minute an hour ago: inside the raw policy's 30 days (older points are
     * refused with 400 "points beyond retention policy"), and out of the continuous query's way.
     */
    private static final long T0 = (System.currentTimeMillis() / 60_000 - 60) * 60_000 + 10_000;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(20);

    private LocalInflux influx;
    private InfluxEndpoint endpoint;
    private InfluxDB client;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        influx = LocalInflux.start(LocalInflux.Options.of(dir.resolve("influx")));
        endpoint = new InfluxEndpoint(URI.create(influx.url()), "acumat", null);
        client = endpoint.connect();
    }

    @AfterEach
    void stop() {
        client.close();
        influx.close();
    }

    @Test
    void setupCreatesTheDatabasePoliciesAndContinuousQueryOnce() {
        InfluxSetup.Report first = new InfluxSetup(client, "acumat").ensure();
        assertThat(first.serverVersion()).startsWith("1.");
        assertThat(first).extracting("managed", "createdDatabase", "createdRollupPolicy", "createdContinuousQuery",
                "defaultPolicy").containsExactly(true, true, true, true, "raw");

        assertThat(rows(query("SHOW RETENTION POLICIES ON \"acumat\""))).containsExactlyInAnyOrder(
                List.of("raw", "720h0m0s", "24h0m0s", 1.0, true),
                List.of("rollup", "17520h0m0s", "720h0m0s", 1.0, false));
        assertThat(continuousQueries("acumat")).singleElement().satisfies(cq -> {
            assertThat(cq.get(0)).isEqualTo("contact_1m");
            assertThat((String) cq.get(1)).contains("RESAMPLE EVERY 1m FOR 2m")
                    .contains("INTO acumat.rollup.contact_1m FROM acumat.raw.contact")
                    .contains("GROUP BY time(1m), mat");
        });

        InfluxSetup.Report again = new InfluxSetup(client, "acumat").ensure();
        assertThat(again).extracting("createdDatabase", "createdRollupPolicy", "createdContinuousQuery")
                .containsExactly(false, false, false);
        assertThat(rows(query("SHOW RETENTION POLICIES ON \"acumat\""))).hasSize(2);

        // A database someone made before keeps its default policy; rollup and the CQ are added.
        query("CREATE DATABASE \"older\"");
        InfluxSetup.Report older = new InfluxSetup(client, "older").ensure();
        assertThat(older).extracting("createdDatabase", "createdRollupPolicy", "defaultPolicy")
                .containsExactly(false, true, "autogen");
        assertThat(continuousQueries("older")).singleElement()
                .satisfies(cq -> assertThat((String) cq.get(1)).contains("FROM older.autogen.contact"));

        assertThatThrownBy(() -> new InfluxSetup(client, "acumat; DROP DATABASE acumat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("influx.db");
    }

    @Test
    void writesEveryMeasurementAndAReplayOverwrites() throws Exception {
        InfluxSetup setup = new InfluxSetup(client, "acumat");
        setup.ensure();
        InfluxWriter writer = new InfluxWriter(endpoint, InfluxWriter.Options.defaults());
        List<SinkPoint> batch = List.of(
                ContactPoint.of("mat-1", T0, 0.25, 812.5, null, 310, 42.5, 20.5, 61.0, "sitting")
                        .withExtras("raw", 240, null),
                ContactPoint.of("mat-1", T0 + 1000, 0.5, 900, 0.75, 320, 40, 21.0, 60.0, "supine"),
                ContactPoint.of("mat 2,x=y", T0, 0.1, 10, null, 5, 5, 1.0, 1.0, "unknown"),
                SessionPoint.of("mat-1", T0, "mat-1-1", 1, 0.75, 1, 1, true),
                ShiftPoint.of("mat-1", T0 + 1000, "mat-1-1", "sitting", "supine", 4.25),
                new HealthPoint("mat-1", T0 + 500, 1234567, 2500, 0, 1, 2, 3, 0, 1, 3, 0, 0, 25.0));
        assertThat(writer.write(batch).points()).isEqualTo(8);

        List<List<Object>> contact = rows(bound("SELECT contact_ratio, lower_back_coverage, posture, contact_cells"
                + " FROM contact WHERE mat = $mat", Map.of("mat", "mat-1")));
        assertThat(contact).containsExactly(
                Arrays.asList(iso(T0), 0.25, null, "sitting", 240.0),
                Arrays.asList(iso(T0 + 1000), 0.5, 0.75, "supine", null));
        assertThat(count("contact", "mat", "mat 2,x=y")).isEqualTo(1);
        assertThat(rows(bound("SELECT session_id, active, posture_shifts FROM session WHERE mat = $mat",
                Map.of("mat", "mat-1")))).containsExactly(List.of(iso(T0), "mat-1-1", true, 1.0));
        assertThat(rows(bound("SELECT session_id FROM rollup.session WHERE mat = $mat", Map.of("mat", "mat-1"))))
                .hasSize(1);
        assertThat(rows(bound("SELECT \"from\", \"to\", cop_shift_cm FROM rollup.posture_shift WHERE mat = $mat",
                Map.of("mat", "mat-1")))).containsExactly(List.of(iso(T0 + 1000), "sitting", "supine", 4.25));
        assertThat(rows(bound("SELECT bytes, frame_rate_hz FROM device_health WHERE mat = $mat AND time >= $t",
                Map.of("mat", "mat-1", "t", iso(T0))))).containsExactly(
                List.of(iso(T0 + 500), 1234567.0, 25.0));
        // The types the contract implies: integers, a boolean, strings.
        assertThat(rows(query("SHOW FIELD KEYS ON acumat FROM device_health"))).contains(
                List.of("bytes", "integer"), List.of("frame_rate_hz", "float"));
        assertThat(rows(query("SHOW FIELD KEYS ON acumat FROM session"))).contains(
                List.of("posture_shifts", "integer"), List.of("active", "boolean"), List.of("session_id", "string"));

        // A replay (Kafka delivers again after a restart) lands on the same points.
        writer.write(batch);
        SessionPoint ended = SessionPoint.of("mat-1", T0, "mat-1-1", 95, 0.7, 60, 2, false)
                .withPostures(Map.of("supine", 90.0), "left_mat");
        writer.write(List.of(ended));
        assertThat(count("contact", "mat", "mat-1")).isEqualTo(2);
        assertThat(rows(bound("SELECT active, duration_s, end_reason FROM session WHERE mat = $mat",
                Map.of("mat", "mat-1")))).containsExactly(List.of(iso(T0), false, 95.0, "left_mat"));
        assertThat(rows(bound("SELECT active FROM rollup.session WHERE mat = $mat", Map.of("mat", "mat-1"))))
                .containsExactly(List.of(iso(T0), false));

        // The continuous query's SELECT, run over the past: a valid rollup.
        long written = setup.backfillRollup(Instant.ofEpochMilli(T0 - 60_000), Instant.ofEpochMilli(T0 + 60_000));
        assertThat(written).isEqualTo(2); // mat-1 and "mat 2,x=y", one minute each
        assertThat(rows(bound("SELECT contact_ratio, lower_back_coverage, peak_pressure, posture, samples"
                + " FROM rollup.contact_1m WHERE mat = $mat", Map.of("mat", "mat-1"))))
                .containsExactly(List.of(iso(T0 - 10_000), 0.375, 0.75, 320.0, "sitting", 2.0));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStopAndACrashMidWriteLoseAndDuplicateNothing() throws Exception {
        new InfluxSetup(client, "acumat").ensure();
        AtomicInteger waits = new AtomicInteger();
        Object restarted = new Object();
        // The real clocks, but a backoff is waited out only until the test has restarted influxd.
        RealTime time = d -> {
            waits.incrementAndGet();
            synchronized (restarted) {
                restarted.wait(d.toMillis());
            }
        };
        InfluxWriter writer = new InfluxWriter(endpoint, InfluxWriter.Options.defaults()
                .withRetry(RetryPolicy.defaults().withTime(time)));
        int batches = 100;
        int perBatch = 500;
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                for (int b = 0; b < batches; b++) {
                    List<SinkPoint> batch = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        long t = T0 + (b * perBatch + i) * 40L;
                        batch.add(ContactPoint.of("mat-crash", t, 0.5, 100, 0.5, 10, 5, 1.0, 2.0, "supine"));
                    }
                    writer.write(batch);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // A clean stop (SIGTERM) after 5 batches, a crash (SIGKILL) after 20: influxd is down
        // until the writer has seen it fail, then comes back on the same port.
        awaitAtLeast(() -> writer.stats().points(), 5 * perBatch);
        influx.stop();
        awaitAtLeast(waits::get, 1);
        influx.restart();
        wake(restarted);
        awaitAtLeast(() -> writer.stats().points(), 20 * perBatch);
        int waitsBeforeKill = waits.get();
        influx.kill();
        assertThat(writing).isNotDone();
        awaitAtLeast(waits::get, waitsBeforeKill + 1);
        influx.restart();
        wake(restarted);
        writing.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);

        assertThat(writer.stats().retries()).isGreaterThanOrEqualTo(2);
        assertThat(writer.stats().rejectedRequests()).isZero();
        awaitAtLeast(() -> count("contact", "mat", "mat-crash"), batches * perBatch);
        assertThat(count("contact", "mat", "mat-crash")).isEqualTo(batches * perBatch);
    }

    private static void wake(Object monitor) {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A time as InfluxDB prints it: RFC 3339, no trailing zeros in the fraction. */
    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString().replaceAll("(\\.\\d*?[1-9])0+Z$", "$1Z");
    }

    private QueryResult query(String statement) {
        return check(client.query(new Query(statement, "acumat", true)));
    }

    private QueryResult bound(String statement, Map<String, Object> params) {
        BoundParameterQuery.QueryBuilder q = BoundParameterQuery.QueryBuilder.newQuery(statement).forDatabase("acumat");
        params.forEach(q::bind);
        return check(client.query(q.create()));
    }

    private long count(String measurement, String tag, String value) {
        List<List<Object>> rows = rows(bound("SELECT count(*) FROM \"" + measurement + "\" WHERE \"" + tag + "\" = $v",
                Map.of("v", value)));
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
    }

    private List<List<Object>> continuousQueries(String database) {
        for (QueryResult.Series s : check(client.query(new Query("SHOW CONTINUOUS QUERIES"))).getResults().get(0).getSeries()) {
            if (database.equals(s.getName())) {
                return s.getValues() == null ? List.of() : s.getValues();
            }
        }
        return List.of();
    }

    private static QueryResult check(QueryResult result) {
        assertThat(result.getError()).isNull();
        assertThat(result.getResults()).allSatisfy(r -> assertThat(r.getError()).isNull());
        return result;
    }

    private static List<List<Object>> rows(QueryResult result) {
        List<QueryResult.Series> series = result.getResults().get(0).getSeries();
        return series == null || series.isEmpty() || series.get(0).getValues() == null ? List.of()
                : series.get(0).getValues();
    }

    /** Polls until {@code value} reaches {@code expected}: writes are visible soon, not necessarily at once. */
    static void awaitAtLeast(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (value.getAsLong() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
