package dev.acumat.contract;

import java.util.List;

/**
 * The field names of the JSON records on the topics (docs/TOPICS.md shows an example of each).
 * A contract: fields may be added, none renamed. The analytics' fields are named as in
 * InfluxDB, so the InfluxDB schema uses the same names.
 */
public final class RecordLayouts {
    private RecordLayouts() {
    }

    /** The mat id, in every record. */
    public static final String MAT = "mat";
    /** The session a record belongs to. */
    public static final String SESSION_ID = "session_id";
    /** A record's time, microseconds since the epoch in the frames' clock. */
    public static final String TIME_US = "time_us";

    /** {@link Topics#CONTACT}: one record a second per mat while someone is on it. */
    public static final class Contact {
        private Contact() {
        }

        public static final String UNITS = "units";
        public static final String CONTACT_RATIO = "contact_ratio";
        public static final String CONTACT_AREA_CM2 = "contact_area_cm2";
        public static final String CONTACT_CELLS = "contact_cells";
        public static final String LOWER_BACK_COVERAGE = "lower_back_coverage";
        public static final String PEAK_PRESSURE = "peak_pressure";
        public static final String MEAN_PRESSURE = "mean_pressure";
        public static final String LOAD_N = "load_n";
        public static final String COP_X_CM = "cop_x_cm";
        public static final String COP_Y_CM = "cop_y_cm";
        public static final String POSTURE = "posture";

        /** Every field, in the order the analytics write them. */
        public static final List<String> FIELDS = List.of(MAT, TIME_US, SESSION_ID, UNITS, CONTACT_RATIO,
                CONTACT_AREA_CM2, CONTACT_CELLS, LOWER_BACK_COVERAGE, PEAK_PRESSURE, MEAN_PRESSURE, LOAD_N,
                COP_X_CM, COP_Y_CM, POSTURE);
    }

    /** {@link Topics#SESSIONS}: a session as it starts, every 10 s while it runs, and as it ends. */
    public static final class Session {
        private Session() {
        }

        public static final String START_US = "start_us";
        public static final String END_US = "end_us";
        public static final String ACTIVE = "active";
        public static final String DURATION_S = "duration_s";
        public static final String LOWER_BACK_COVERAGE_MEAN = "lower_back_coverage_mean";
        public static final String LOWER_BACK_TIME_S = "lower_back_time_s";
        public static final String POSTURE_SHIFTS = "posture_shifts";
        /** An object: seconds in each posture, by the posture's name. */
        public static final String POSTURE_TIME_S = "posture_time_s";
        public static final String END_REASON = "end_reason";

        /** Every field, in the order the analytics write them. */
        public static final List<String> FIELDS = List.of(MAT, SESSION_ID, START_US, END_US, ACTIVE, DURATION_S,
                LOWER_BACK_COVERAGE_MEAN, LOWER_BACK_TIME_S, POSTURE_SHIFTS, POSTURE_TIME_S, END_REASON);
    }

    /** {@link Topics#POSTURE_SHIFTS}: a change of posture, or a movement of the body, within a session. */
    public static final class PostureShift {
        private PostureShift() {
        }

        public static final String FROM = "from";
        public static final String TO = "to";
        public static final String COP_SHIFT_CM = "cop_shift_cm";

        /** Every field, in the order the analytics write them. */
        public static final List<String> FIELDS = List.of(MAT, SESSION_ID, TIME_US, FROM, TO, COP_SHIFT_CM);
    }

    /** {@link Topics#DEVICE_HEALTH}: the gateway's counters of one mat, cumulative since it started. */
    public static final class DeviceHealth {
        private DeviceHealth() {
        }

        public static final String TIME_MS = "time_ms";
        public static final String BYTES = "bytes";
        public static final String FRAMES = "frames";
        public static final String CRC_ERRORS = "crc_errors";
        public static final String RESYNCS = "resyncs";
        public static final String SEQUENCE_GAPS = "sequence_gaps";
        public static final String FRAMES_LOST = "frames_lost";
        public static final String RESTARTS = "restarts";
        public static final String RECONNECTS = "reconnects";
        public static final String SPOOL_DEPTH = "spool_depth";
        public static final String DROPPED_SPOOL_FULL = "dropped_spool_full";
        public static final String DROPPED_NO_MAT_ID = "dropped_no_mat_id";
        public static final String MALFORMED_LINES = "malformed_lines";
        public static final String FRAME_RATE_HZ = "frame_rate_hz";

        /** Every field, in the order the gateway writes them. */
        public static final List<String> FIELDS = List.of(MAT, TIME_MS, BYTES, FRAMES, CRC_ERRORS, RESYNCS,
                SEQUENCE_GAPS, FRAMES_LOST, RESTARTS, RECONNECTS, SPOOL_DEPTH, DROPPED_SPOOL_FULL, DROPPED_NO_MAT_ID,
                MALFORMED_LINES, FRAME_RATE_HZ);
    }
}
