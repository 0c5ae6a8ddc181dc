package dev.acumat.analytics.influx;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.influxdb.dto.Point;

/**
 * The InfluxDB schema (a contract: history queries and checks read it; docs/OPERATIONS.md
 * lists the measurements for operators), built as influxdb-java {@link Point}s from the sink's
 * records. Every point has the tag {@code mat} and the device's frame time in millisecond
 * precision.
 *
 * <ul>
 *   <li>{@code contact}: {@code contact_ratio}, {@code contact_area_cm2},
 *       {@code lower_back_coverage} (absent when the lower back is not on the mat),
 *       {@code peak_pressure}, {@code mean_pressure}, {@code cop_x_cm}, {@code cop_y_cm},
 *       {@code posture}; extra: {@code units}, {@code contact_cells} (integer), {@code load_n}.</li>
 *   <li>{@code session} (time = session start): {@code session_id}, {@code duration_s},
 *       {@code lower_back_coverage_mean}, {@code lower_back_time_s}, {@code posture_shifts}
 *       (integer), {@code active} (boolean); extra: {@code time_<posture>_s}, {@code end_reason}.</li>
 *   <li>{@code posture_shift}: {@code session_id}, {@code from}, {@code to}, {@code cop_shift_cm}.</li>
 *   <li>{@code device_health}: the gateway's counters as integers ({@code bytes}, {@code frames},
 *       {@code crc_errors}, {@code resyncs}, {@code sequence_gaps}, {@code frames_lost},
 *       {@code restarts}, {@code reconnects}, {@code spool_depth}, {@code dropped_spool_full},
 *       {@code dropped_no_mat_id}) and {@code frame_rate_hz}.</li>
 *   <li>{@code contact_1m} (retention policy {@code rollup}, written by InfluxDB itself: see
 *       {@link InfluxSetup}).</li>
 * </ul>
 * A field's type must never change once written (InfluxDB refuses the point), so integers stay
 * integers even when they are 0, and doubles stay doubles even when whole.
 */
public final class InfluxSchema {
    public static final String CONTACT = "contact";
    public static final String SESSION = "session";
    public static final String POSTURE_SHIFT = "posture_shift";
    public static final String DEVICE_HEALTH = "device_health";
    /** The one-minute rollup of {@code contact}, in {@link InfluxSetup#ROLLUP_POLICY}. */
    public static final String CONTACT_1M = "contact_1m";
    /** The tag on every point. */
    public static final String TAG_MAT = "mat";
    /** Every point's timestamp precision. */
    public static final TimeUnit PRECISION = TimeUnit.MILLISECONDS;

    private InfluxSchema() {
    }

    /**
     * The point for a record; empty when none of its fields has a value (InfluxDB cannot store a
     * point without fields).
     */
    public static Optional<Point> point(SinkPoint record) {
        Point.Builder b = Point.measurement(measurement(record))
                .tag(TAG_MAT, record.mat())
                .time(record.timeMs(), PRECISION);
        if (record instanceof ContactPoint) {
            contactFields(b, (ContactPoint) record);
        } else if (record instanceof SessionPoint) {
            sessionFields(b, (SessionPoint) record);
        } else if (record instanceof ShiftPoint) {
            shiftFields(b, (ShiftPoint) record);
        } else {
            healthFields(b, (HealthPoint) record);
        }
        return b.hasFields() ? Optional.of(b.build()) : Optional.empty();
    }

    /** The measurement a record goes to. */
    public static String measurement(SinkPoint record) {
        if (record instanceof ContactPoint) {
            return CONTACT;
        } else if (record instanceof SessionPoint) {
            return SESSION;
        } else if (record instanceof ShiftPoint) {
            return POSTURE_SHIFT;
        }
        return DEVICE_HEALTH;
    }

    /**
     * True for the records also kept in the long retention policy: sessions and shifts are the
     * history people look back on, and there are few of them (see {@link InfluxSetup}).
     */
    public static boolean keptLong(SinkPoint record) {
        return record instanceof SessionPoint || record instanceof ShiftPoint;
    }

    private static void contactFields(Point.Builder b, ContactPoint c) {
        number(b, "contact_ratio", c.contactRatio());
        number(b, "contact_area_cm2", c.contactAreaCm2());
        number(b, "lower_back_coverage", c.lowerBackCoverage());
        number(b, "peak_pressure", c.peakPressure());
        number(b, "mean_pressure", c.meanPressure());
        number(b, "cop_x_cm", c.copXCm());
        number(b, "cop_y_cm", c.copYCm());
        text(b, "posture", c.posture());
        text(b, "units", c.units());
        if (c.contactCells() != null) {
            b.addField("contact_cells", (long) c.contactCells());
        }
        number(b, "load_n", c.loadN());
    }

    private static void sessionFields(Point.Builder b, SessionPoint s) {
        text(b, "session_id", s.sessionId());
        number(b, "duration_s", s.durationS());
        number(b, "lower_back_coverage_mean", s.lowerBackCoverageMean());
        number(b, "lower_back_time_s", s.lowerBackTimeS());
        b.addField("posture_shifts", (long) s.postureShifts());
        b.addField("active", s.active());
        for (Map.Entry<String, Double> e : new TreeMap<>(s.postureTimeS()).entrySet()) {
            number(b, "time_" + e.getKey() + "_s", e.getValue());
        }
        text(b, "end_reason", s.endReason());
    }

    private static void shiftFields(Point.Builder b, ShiftPoint s) {
        text(b, "session_id", s.sessionId());
        text(b, "from", s.from());
        text(b, "to", s.to());
        number(b, "cop_shift_cm", s.copShiftCm());
    }

    private static void healthFields(Point.Builder b, HealthPoint h) {
        b.addField("bytes", h.bytes());
        b.addField("frames", h.frames());
        b.addField("crc_errors", h.crcErrors());
        b.addField("resyncs", h.resyncs());
        b.addField("sequence_gaps", h.sequenceGaps());
        b.addField("frames_lost", h.framesLost());
        b.addField("restarts", h.restarts());
        b.addField("reconnects", h.reconnects());
        b.addField("spool_depth", h.spoolDepth());
        b.addField("dropped_spool_full", h.droppedSpoolFull());
        b.addField("dropped_no_mat_id", h.droppedNoMatId());
        number(b, "frame_rate_hz", h.frameRateHz());
    }

    /** An optional float field, left out when absent (null). */
    private static void number(Point.Builder b, String name, Double value) {
        if (value != null) {
            number(b, name, value.doubleValue());
        }
    }

    /** A float field, left out when NaN or infinite (InfluxDB refuses those). */
    private static void number(Point.Builder b, String name, double value) {
        if (Double.isFinite(value)) {
            b.addField(name, value);
        }
    }

    private static void text(Point.Builder b, String name, String value) {
        if (value != null) {
            b.addField(name, value);
        }
    }
}
