package dev.acumat.analytics.influx;

/**
 * InfluxDB did not acknowledge a write, so the caller must not treat the points as stored (a Kafka
 * consumer does not commit their offsets, and reads them again). The message says why and what
 * to do; it never contains credentials.
 */
public class InfluxWriteException extends RuntimeException {
    /** 1.x answers a write to a missing retention policy with 500 and this: nothing to wait for. */
    static final String MISSING_POLICY = "retention policy not found";

    private final boolean transientFailure;
    private final int status;

    InfluxWriteException(String message, boolean transientFailure, int status, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.status = status;
    }

    /**
     * True when InfluxDB was unreachable or failing (5xx) for the whole retry period: trying again
     * later may work. False for an answer that retrying cannot change (401, 403, 404: credentials,
     * permissions, a missing database).
     */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The last HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** An answer that retrying cannot change, explained; {@code body} is InfluxDB's error text. */
    static InfluxWriteException refused(InfluxEndpoint endpoint, int status, String body) {
        String why;
        switch (status) {
            case 401:
            case 403:
                why = endpoint.credentials() == null
                        ? "it requires credentials: set " + InfluxCredentials.USER_VARIABLE + " and "
                                + InfluxCredentials.PASSWORD_VARIABLE
                        : "it refused the credentials of " + InfluxCredentials.USER_VARIABLE + " and "
                                + InfluxCredentials.PASSWORD_VARIABLE + " (or the user may not write to "
                                + endpoint.database() + ")";
                break;
            case 404:
                why = "database " + endpoint.database() + " does not exist: create it (InfluxSetup does on 1.x)"
                        + " or pass another --db";
                break;
            default:
                why = body.contains(MISSING_POLICY)
                        ? "a retention policy of database " + endpoint.database() + " does not exist: create it"
                                + " (InfluxSetup does on 1.x) or write without the long policy"
                        : "retrying cannot change its answer";
        }
        return new InfluxWriteException("InfluxDB at " + endpoint.url() + " refused the write (HTTP " + status + "): "
                + why + (body.isEmpty() ? "" : " [" + body + "]"), false, status, null);
    }
}
