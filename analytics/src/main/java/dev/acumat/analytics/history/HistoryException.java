package dev.acumat.analytics.history;

/**
 * InfluxDB could not answer a history query: it is not reachable, refused the query, or has no
 * such database. The message says which, without credentials or the query's values.
 */
public final class HistoryException extends RuntimeException {
    /** What went wrong, so that callers can choose an HTTP status or an exit code. */
    public enum Kind { UNREACHABLE, NO_DATABASE, REFUSED }

    private final Kind kind;

    HistoryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
