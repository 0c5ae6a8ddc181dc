package dev.acumat.analytics.influx;

import dev.acumat.contract.RecordLayouts.DeviceHealth;
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
     * From the health record's JSON fields, by their names in docs/TOPICS.md
     * ({@link DeviceHealth}: {@code bytes}, ..., {@code frame_rate_hz}) as any JSON parser gives them; a missing
     * counter is 0, a missing rate absent.
     */
    public static HealthPoint fromFields(String mat, long timeMs, Map<String, ? extends Number> fields) {
        return new HealthPoint(mat, timeMs, count(fields, DeviceHealth.BYTES), count(fields, DeviceHealth.FRAMES),
                count(fields, DeviceHealth.CRC_ERRORS), count(fields, DeviceHealth.RESYNCS),
                count(fields, DeviceHealth.SEQUENCE_GAPS), count(fields, DeviceHealth.FRAMES_LOST),
                count(fields, DeviceHealth.RESTARTS), count(fields, DeviceHealth.RECONNECTS),
                count(fields, DeviceHealth.SPOOL_DEPTH), count(fields, DeviceHealth.DROPPED_SPOOL_FULL),
                count(fields, DeviceHealth.DROPPED_NO_MAT_ID),
                fields.get(DeviceHealth.FRAME_RATE_HZ) != null
                        ? fields.get(DeviceHealth.FRAME_RATE_HZ).doubleValue() : Double.NaN);
    }

    private static long count(Map<String, ? extends Number> fields, String name) {
        Number value = fields.get(name);
        return value == null ? 0 : value.longValue();
    }
}
