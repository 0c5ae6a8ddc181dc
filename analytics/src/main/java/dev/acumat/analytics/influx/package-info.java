/**
 * The InfluxDB sink: the schema ({@link dev.acumat.analytics.influx.InfluxSchema}),
 * built from plain records ({@link dev.acumat.analytics.influx.SinkPoint} and its four kinds),
 * written synchronously with retries ({@link dev.acumat.analytics.influx.InfluxWriter}) to a
 * database made ready by {@link dev.acumat.analytics.influx.InfluxSetup}.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * InfluxEndpoint endpoint = InfluxEndpoint.of(url, db);        // credentials from the environment
 * try (InfluxDB client = endpoint.connect()) {
 *     new InfluxSetup(client, endpoint.database()).ensure();   // 1.x only; idempotent
 * }
 * InfluxWriter writer = new InfluxWriter(endpoint, InfluxWriter.Options.defaults());
 * writer.write(List.of(ContactPoint.of(mat, frameMs, ...), ...));  // returns once stored
 * consumer.commitSync();
 * }</pre>
 *
 * <h2>Retention on InfluxDB 1.x (Debian's 1.6, and 1.7/1.8)</h2>
 * <table>
 *   <caption>Where each measurement lives</caption>
 *   <tr><th>policy</th><th>kept</th><th>holds</th></tr>
 *   <tr><td>{@code raw} (default)</td><td>30 days</td><td>contact, session, posture_shift,
 *       device_health: every point, so the contract's {@code SELECT ... FROM contact} (no policy
 *       named) finds it</td></tr>
 *   <tr><td>{@code rollup}</td><td>2 years</td><td>contact_1m (continuous query
 *       {@code contact_1m}); session and posture_shift again, written by the sink, for history
 *       older than 30 days: {@code SELECT ... FROM "rollup"."session"}</td></tr>
 * </table>
 * Sessions and shifts are few (one point per session, rewritten while it runs; a few shifts), so
 * the second copy costs nothing, while contact points (one a second per mat on the mat) are what
 * the 30 days are for. device_health is operational data: 30 days are enough.
 *
 * <h2>InfluxDB 2.x</h2>
 * The sink writes through the 1.x compatibility API ({@code /write?db=&rp=}), which 2.x maps to
 * buckets by DBRP mappings; the 1.x statements of InfluxSetup do not exist there. Create:
 * <pre>
 * influx bucket create -n acumat/raw -r 30d
 * influx bucket create -n acumat/rollup -r 730d
 * influx v1 dbrp create --db acumat --rp raw --bucket-id ID_OF_RAW --default
 * influx v1 dbrp create --db acumat --rp rollup --bucket-id ID_OF_ROLLUP
 * influx v1 auth create --username acumat --write-bucket ID_OF_RAW --write-bucket ID_OF_ROLLUP ...
 * </pre>
 * and set ACUMAT_INFLUX_USER/ACUMAT_INFLUX_PASSWORD to that v1 user (or any user name and a token
 * as the password). The continuous query becomes a task:
 * {@code from(bucket: "acumat/raw") |> range(start: -task.every) |> filter(fn: (r) => r._measurement == "contact")
 * |> aggregateWindow(every: 1m, fn: mean) |> set(key: "_measurement", value: "contact_1m")
 * |> to(bucket: "acumat/rollup")} (with max for peak_pressure).
 *
 * <h2>InfluxDB 3.x</h2>
 * 3.x (Core, Enterprise, Cloud) accepts the same {@code /write?db=acumat} and InfluxQL queries,
 * but has no retention policies and no continuous queries: create the database with its
 * retention ({@code influxdb3 create database acumat --retention-period 30d}), write with
 * {@code InfluxWriter.Options.withLongPolicy(null)} (one copy of everything), and compute the
 * one-minute rollup at query time ({@code GROUP BY time(1m)}, fast on 3.x) or with a processing
 * engine trigger; an auth token goes in ACUMAT_INFLUX_PASSWORD.
 */
package dev.acumat.analytics.influx;
