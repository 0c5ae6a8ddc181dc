package dev.acumat.analytics.history;

/**
 * A session's id split into its parts: the id is the mat id, a dot and the start in epoch
 * milliseconds (SessionTracker names them so), and the session point's time is that start.
 * Mat ids may contain dots, so the last dot splits.
 */
public record SessionId(String mat, long startMs) {
    @Override
    public String toString() {
        return mat + "." + startMs;
    }
}
