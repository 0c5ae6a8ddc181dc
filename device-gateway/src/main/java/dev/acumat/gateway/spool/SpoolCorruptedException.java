package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Bytes the spool had written and synced no longer read back as they were: a damaged entry
 * inside a sealed segment, or offsets that do not follow on. Unlike a torn tail (cut off quietly
 * on open), this is never skipped: the entries behind it could not be trusted either. SPOOL.md
 * says what an operator can do.
 */
public final class SpoolCorruptedException extends IOException {
    private final transient Path file;
    private final long position;

    public SpoolCorruptedException(Path file, long position, String reason) {
        super("spool segment " + file + " is corrupt at byte " + position + ": " + reason);
        this.file = file;
        this.position = position;
    }

    /** The segment file. */
    public Path file() {
        return file;
    }

    /** Where in it the bad entry starts. */
    public long position() {
        return position;
    }
}
