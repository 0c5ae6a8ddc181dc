package dev.acumat.gateway.input;

/**
 * When to say, once per connection, that bytes arrive but nothing decodes: a few seconds after
 * the first byte, if still nothing did. Decides only; the caller says it, with the likely cause.
 */
final class UndecodedNotice {
    /** Long enough for a slow mat's first whole frame (a 1 Hz mat needs two lines to be sure of one). */
    static final long AFTER_NANOS = 5_000_000_000L;

    private long firstBytesNanos;
    private boolean seenBytes;
    private boolean decoded;
    private boolean said;

    /** A new connection: the clock starts at its first byte. */
    void reset() {
        seenBytes = false;
        decoded = false;
        said = false;
    }

    /** Something decoded on this connection: nothing to say. */
    void decoded() {
        decoded = true;
    }

    /** Bytes arrived at {@code nowNanos}; true exactly once per connection when it is time to speak. */
    boolean due(long nowNanos) {
        if (decoded || said) {
            return false;
        }
        if (!seenBytes) {
            seenBytes = true;
            firstBytesNanos = nowNanos;
            return false;
        }
        if (nowNanos - firstBytesNanos >= AFTER_NANOS) {
            said = true;
            return true;
        }
        return false;
    }
}
