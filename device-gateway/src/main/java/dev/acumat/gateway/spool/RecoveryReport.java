package dev.acumat.gateway.spool;

/**
 * What {@link Spool#open} found and repaired, for the gateway to log.
 *
 * @param segments            segment files kept
 * @param entries             entries kept (acknowledged ones that share a segment with pending ones included)
 * @param truncatedBytes      bytes cut off the end of the last segment: a torn or damaged tail
 *                            from a crash or power loss; 0 after a clean shutdown
 * @param checkpointDiscarded a checkpoint file was there but unreadable, so every kept entry is
 *                            treated as unacknowledged and sent again
 */
public record RecoveryReport(int segments, long entries, long truncatedBytes, boolean checkpointDiscarded) {
}
