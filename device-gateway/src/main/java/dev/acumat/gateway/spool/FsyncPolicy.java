package dev.acumat.gateway.spool;

import java.util.Locale;

/**
 * When appended entries are forced from the OS page cache to the disk. Every policy survives a
 * crash of the process (written bytes are in the kernel); they differ in what a power loss or
 * kernel crash can take. SPOOL.md gives the exact bounds.
 */
public enum FsyncPolicy {
    /** Force after every append, before it returns: a power loss loses no returned append. Slowest. */
    ALWAYS,
    /**
     * Force at most every {@link SpoolConfig#fsyncInterval()}, from a background thread, so the
     * appending thread never waits for the disk: a power loss loses up to about one interval.
     */
    INTERVAL,
    /**
     * Leave it to the OS (typically it writes back within about 30 s), except that a segment is
     * always forced when it is sealed. A power loss can take the tail of the active segment.
     */
    NEVER;

    /** The policy a setting names (always, interval or never; any case), or null for anything else. */
    public static FsyncPolicy of(String text) {
        if (text != null) {
            for (FsyncPolicy p : values()) {
                if (p.text().equalsIgnoreCase(text.strip())) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The policy as a setting spells it: always, interval or never. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
