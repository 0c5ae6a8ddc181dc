package dev.acumat.analytics.influx;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.influxdb.dto.Point;

/**
 * The InfluxDB schema (a contract: history queries and checks read it; docs/INFLUXDB.md
 * documents it, and InfluxSchemaDocumentedTest holds the two together), built as influxdb-java
 * {@link Point}s from the sink's records. Every point has the tag {@code mat} and the device's
 * frame time in millisecond precision.
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
     * Where a record's fields go: an influxdb-java point, or the sink's line protocol
     * ({@link LineProtocol}). Both are handed the fields by {@link #fields}, the one list of them.
     */
    interface Fields {
        /** A float field; left out when NaN or infinite (InfluxDB refuses those). */
        void number(String name, double value);

        void integer(String name, long value);

        void bool(String name, boolean value);

        /** A string field; left out when null. */
        void text(String name, String value);

        /** An optional float field, left out when absent (null). */
        default void number(String name, Double value) {
            if (value != null) {
                number(name, value.doubleValue());
            }
        }
    }

    /**
     * The point for a record; empty when none of its fields has a value (InfluxDB cannot store a
     * point without fields).
     */
    public static Optional<Point> point(SinkPoint record) {
        Point.Builder b = Point.measurement(measurement(record))
                .tag(TAG_MAT, record.mat())
                .time(record.timeMs(), PRECISION);
        fields(record, new Fields() {
            @Override
            public void number(String name, double value) {
                if (Double.isFinite(value)) {
                    b.addField(name, value);
                }
            }

            @Override
            public void integer(String name, long value) {
                b.addField(name, value);
            }

            @Override
            public void bool(String name, boolean value) {
                b.addField(name, value);
            }

            @Override
            public void text(String name, String value) {
                if (value != null) {
                    b.addField(name, value);
                }
            }
        });
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

    /**
     * Hands the record's fields to {@code out} sorted by name, the order line protocol has them
     * in (influxdb-java sorts them itself; {@link LineProtocol} writes them as they come).
     */
    static void fields(SinkPoint record, Fields out) {
        if (record instanceof ContactPoint c) {
            out.number("contact_area_cm2", c.contactAreaCm2());
            if (c.contactCells() != null) {
                out.integer("contact_cells", c.contactCells());
            }
            out.number("contact_ratio", c.contactRatio());
            out.number("cop_x_cm", c.copXCm());
            out.number("cop_y_cm", c.copYCm());
            out.number("load_n", c.loadN());
            out.number("lower_back_coverage", c.lowerBackCoverage());
            out.number("mean_pressure", c.meanPressure());
            out.number("peak_pressure", c.peakPressure());
            out.text("posture", c.posture());
            out.text("units", c.units());
        } else if (record instanceof SessionPoint s) {
            out.bool("active", s.active());
            out.number("duration_s", s.durationS());
            out.text("end_reason", s.endReason());
            out.number("lower_back_coverage_mean", s.lowerBackCoverageMean());
            out.number("lower_back_time_s", s.lowerBackTimeS());
            out.integer("posture_shifts", s.postureShifts());
            out.text("session_id", s.sessionId());
            // Every "time_..." name sorts after "session_id".
            for (Map.Entry<String, Double> e : new TreeMap<>(s.postureTimeS()).entrySet()) {
                out.number("time_" + e.getKey() + "_s", e.getValue());
            }
        } else if (record instanceof ShiftPoint s) {
            out.number("cop_shift_cm", s.copShiftCm());
            out.text("from", s.from());
            out.text("session_id", s.sessionId());
            out.text("to", s.to());
        } else {
            HealthPoint h = (HealthPoint) record;
            out.integer("bytes", h.bytes());
            out.integer("crc_errors", h.crcErrors());
            out.integer("dropped_no_mat_id", h.droppedNoMatId());
            out.integer("dropped_spool_full", h.droppedSpoolFull());
            out.number("frame_rate_hz", h.frameRateHz());
            out.integer("frames", h.frames());
            out.integer("frames_lost", h.framesLost());
            out.integer("reconnects", h.reconnects());
            out.integer("restarts", h.restarts());
            out.integer("resyncs", h.resyncs());
            out.integer("sequence_gaps", h.sequenceGaps());
            out.integer("spool_depth", h.spoolDepth());
        }
    }
}
