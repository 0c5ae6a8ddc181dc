package dev.acumat.gateway.spool;

import java.io.IOException;

/**
 * An append was refused because the spool holds {@link SpoolConfig#maxBytes()} already (the
 * broker has been away a long time). Nothing already accepted is dropped to make room: the new
 * entry is the one refused, and the caller counts it. Appends succeed again once acknowledged
 * segments can be deleted.
 */
public final class SpoolFullException extends IOException {
    private final long entryBytes;
    private final long sizeBytes;
    private final long maxBytes;

    public SpoolFullException(long entryBytes, long sizeBytes, long maxBytes) {
        super("spool is full: it holds " + sizeBytes + " of " + maxBytes + " bytes, an entry of " + entryBytes
                + " bytes was refused");
        this.entryBytes = entryBytes;
        this.sizeBytes = sizeBytes;
        this.maxBytes = maxBytes;
    }

    /** The encoded size of the refused entry. */
    public long entryBytes() {
        return entryBytes;
    }

    /** The spool's size when it refused. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
