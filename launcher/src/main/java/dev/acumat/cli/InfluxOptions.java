package dev.acumat.cli;

import dev.acumat.analytics.influx.InfluxEndpoint;
import picocli.CommandLine.Option;

/**
 * {@code --influx URL} and {@code --db NAME}: the InfluxDB, for every command that has one. Whether
 * it may be left out, and what stands in for it then, is the command's (its description says).
 */
final class InfluxOptions {
    @Option(names = "--influx", paramLabel = "URL",
            description = "InfluxDB base URL, such as http://127.0.0.1:8086: InfluxDB 1.x, 2.x with DBRP mappings, or"
                    + " 3.x. Credentials from ACUMAT_INFLUX_USER and ACUMAT_INFLUX_PASSWORD (or"
                    + " ACUMAT_INFLUX_PASSWORD_FILE).")
    String url;

    @Option(names = "--db", paramLabel = "NAME", defaultValue = InfluxEndpoint.DEFAULT_DATABASE,
            description = "InfluxDB database. Default: ${DEFAULT-VALUE}.")
    String db;

    /** Whether an InfluxDB was named; a blank one counts as none. */
    boolean given() {
        return url != null && !url.isBlank();
    }

    /**
     * The InfluxDB given, null when none was.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    InfluxEndpoint endpoint() {
        return given() ? InfluxEndpoint.of(url, db) : null;
    }

    /**
     * The InfluxDB given, else the local demo's.
     *
     * @throws IllegalArgumentException naming the setting that is wrong, or saying what to do when
     *                                  there is no local demo InfluxDB
     */
    InfluxEndpoint orLocalDemo() {
        return InfluxEndpoint.of(url != null ? url : LocalDemo.influxUrl(), db);
    }
}
