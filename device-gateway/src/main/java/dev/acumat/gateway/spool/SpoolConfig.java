package dev.acumat.gateway.spool;

import java.time.Duration;

/**
 * How big the spool may grow and how it syncs. Validated on construction; a message names the
 * setting at fault ({@code spool.max-bytes}, {@code spool.segment-bytes}, {@code spool.fsync},
 * {@code spool.fsync-interval}). The gateway makes it of its own settings
 * ({@code GatewayConfig}); the spool alone takes it as it is.
 *
 * @param maxBytes      the most bytes the segment files may hold together; an append that would
 *                      pass it is refused with {@link SpoolFullException}
 * @param segmentBytes  a segment is rolled before it would pass this size; it is also the largest
 *                      entry the spool takes, and the unit in which disk space is given back
 * @param fsync         when appends are forced to the disk
 * @param fsyncInterval how often {@link FsyncPolicy#INTERVAL} forces; may be null for the others
 */
public record SpoolConfig(long maxBytes, long segmentBytes, FsyncPolicy fsync, Duration fsyncInterval) {
    /** Smaller segments would make the per-file costs dominate; tests use the minimum. */
    public static final long MIN_SEGMENT_BYTES = 1024;
    /** Entry positions within a segment are handled as ints when buffering. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;
    /** 1 GiB: about 8 hours of a 32 x 20 mat (SPOOL.md). */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;
    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.INTERVAL;
    /** How often {@link FsyncPolicy#INTERVAL} forces: a power loss takes about a second of frames. */
    public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofSeconds(1);
    /** The longest fsync interval taken. */
    public static final Duration MAX_FSYNC_INTERVAL = Duration.ofHours(1);

    public SpoolConfig {
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("spool.segment-bytes must be " + MIN_SEGMENT_BYTES + ".."
                    + MAX_SEGMENT_BYTES + ": " + segmentBytes);
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("spool.max-bytes must be >= spool.segment-bytes: " + maxBytes + " < "
                    + segmentBytes);
        }
        if (fsync == null) {
            throw new IllegalArgumentException("spool.fsync must be set: always, interval or never");
        }
        if (fsync == FsyncPolicy.INTERVAL && (fsyncInterval == null || fsyncInterval.toMillis() < 1)) {
            throw new IllegalArgumentException("spool.fsync-interval must be >= 1 ms with spool.fsync interval: "
                    + fsyncInterval);
        }
        if (fsyncInterval != null && fsyncInterval.compareTo(MAX_FSYNC_INTERVAL) > 0) {
            throw new IllegalArgumentException("spool.fsync-interval must be <= 1 h: " + fsyncInterval);
        }
    }

    /** 1 GiB in 16 MiB segments, forced every second: about 8 hours of a 32 x 20 mat (SPOOL.md). */
    public static SpoolConfig defaults() {
        return new SpoolConfig(DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES, DEFAULT_FSYNC, DEFAULT_FSYNC_INTERVAL);
    }
}
