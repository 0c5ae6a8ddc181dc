package dev.acumat.analytics.influx;

import java.util.Map;

/**
 * One {@code device_health} point: the gateway's counters for one mat, as it publishes them on
 * {@code acumat.device-health} (docs/TOPICS.md), timestamped with the record's {@code time_ms}.
 * Counters are cumulative since the gateway started; they are written as integers.
 *
 * @param frameRateHz frames per second since the previous record; NaN = absent
 */
public record HealthPoint(String mat, long timeMs, long bytes, long frames, long crcErrors, long resyncs,
                          long sequenceGaps, long framesLost, long restarts, long reconnects, long spoolDepth,
                          long droppedSpoolFull, long droppedNoMatId, double frameRateHz) implements SinkPoint {
    public HealthPoint {
        SinkPoint.checkMat(mat);
    }

    /**
     * From the health record's JSON fields, by their names in docs/TOPICS.md ({@code bytes},
     * {@code crc_errors}, ..., {@code frame_rate_hz}) as any JSON parser gives them; a missing
     * counter is 0, a missing rate absent.
     */
    public static HealthPoint fromFields(String mat, long timeMs, Map<String, ? extends Number> fields) {
        return new HealthPoint(mat, timeMs, count(fields, "bytes"), count(fields, "frames"),
                count(fields, "crc_errors"), count(fields, "resyncs"), count(fields, "sequence_gaps"),
                count(fields, "frames_lost"), count(fields, "restarts"), count(fields, "reconnects"),
                count(fields, "spool_depth"), count(fields, "dropped_spool_full"), count(fields, "dropped_no_mat_id"),
                fields.containsKey("frame_rate_hz") && fields.get("frame_rate_hz") != null
                        ? fields.get("frame_rate_hz").doubleValue() : Double.NaN);
    }

    private static long count(Map<String, ? extends Number> fields, String name) {
        Number value = fields.get(name);
        return value == null ? 0 : value.longValue();
    }
}
