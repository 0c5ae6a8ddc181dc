package dev.acumat.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.SessionPoint;
import dev.acumat.analytics.influx.ShiftPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON of each of the analytics' records, written and read back: the field names,
 * their order, and which are left out when absent are a contract of the topics (docs/TOPICS.md).
 */
class RecordJsonGoldenTest {
    private static final String CONTACT = "{\"mat\":\"mat-1\",\"time_us\":1790000012000000,"
            + "\"session_id\":\"mat-1.1790000005000\",\"units\":\"kPa\",\"contact_ratio\":0.4102,"
            + "\"contact_area_cm2\":1270.5,\"contact_cells\":262,\"lower_back_coverage\":0.62,\"peak_pressure\":11.8,"
            + "\"mean_pressure\":3.1,\"load_n\":412.0,\"cop_x_cm\":22.1,\"cop_y_cm\":36.4,\"posture\":\"supine\"}";
    /** Off the mat's lower back, no load, no posture: those fields are left out. */
    private static final String CONTACT_ABSENT = "{\"mat\":\"mat-1\",\"time_us\":1790000013000000,"
            + "\"session_id\":\"mat-1.1790000005000\",\"units\":\"raw\",\"contact_ratio\":0.0,"
            + "\"contact_area_cm2\":0.0,\"contact_cells\":0,\"peak_pressure\":0.0,\"mean_pressure\":0.0,"
            + "\"load_n\":0.0}";
    private static final String SESSION = "{\"mat\":\"mat-1\",\"session_id\":\"mat-1.1790000005000\","
            + "\"start_us\":1790000005000000,\"end_us\":1790000605000000,\"active\":false,\"duration_s\":600.0,"
            + "\"lower_back_coverage_mean\":0.58,\"lower_back_time_s\":431.2,\"posture_shifts\":4,"
            + "\"posture_time_s\":{\"supine\":540.0,\"left\":45.2,\"sitting\":12.0},\"end_reason\":\"got-off\"}";
    private static final String SESSION_RUNNING = "{\"mat\":\"mat-1\",\"session_id\":\"mat-1.1790000005000\","
            + "\"start_us\":1790000005000000,\"end_us\":1790000015000000,\"active\":true,\"duration_s\":10.0,"
            + "\"lower_back_time_s\":0.0,\"posture_shifts\":0,\"posture_time_s\":{}}";
    private static final String SHIFT = "{\"mat\":\"mat-1\",\"session_id\":\"mat-1.1790000005000\","
            + "\"time_us\":1790000135520000,\"from\":\"supine\",\"to\":\"left\",\"cop_shift_cm\":6.3}";

    @Test
    void contact() throws IOException {
        assertThat(json(new ContactPoint("mat-1", 1790000012000000L, "mat-1.1790000005000", "kPa",
                0.4102, 1270.5, 262, 0.62, 11.8, 3.1, 412.0, 22.1, 36.4, "supine"))).isEqualTo(CONTACT);
        assertThat(json(new ContactPoint("mat-1", 1790000013000000L, "mat-1.1790000005000", "raw",
                0, 0, 0, null, 0, 0, 0.0, null, null, null))).isEqualTo(CONTACT_ABSENT);
        assertThat(roundTrip(CONTACT, ContactPoint.class)).isEqualTo(CONTACT);
        assertThat(roundTrip(CONTACT_ABSENT, ContactPoint.class)).isEqualTo(CONTACT_ABSENT);
    }

    @Test
    void session() throws IOException {
        Map<String, Double> times = new LinkedHashMap<>();
        times.put("supine", 540.0);
        times.put("left", 45.2);
        times.put("sitting", 12.0);
        assertThat(json(new SessionPoint("mat-1", "mat-1.1790000005000", 1790000005000000L,
                1790000605000000L, false, 600.0, 0.58, 431.2, 4, times, "got-off"))).isEqualTo(SESSION);
        assertThat(json(new SessionPoint("mat-1", "mat-1.1790000005000", 1790000005000000L,
                1790000015000000L, true, 10.0, null, 0, 0, Map.of(), null))).isEqualTo(SESSION_RUNNING);
        assertThat(roundTrip(SESSION, SessionPoint.class)).isEqualTo(SESSION);
        assertThat(roundTrip(SESSION_RUNNING, SessionPoint.class)).isEqualTo(SESSION_RUNNING);
    }

    @Test
    void shift() throws IOException {
        assertThat(json(new ShiftPoint("mat-1", "mat-1.1790000005000", 1790000135520000L, "supine",
                "left", 6.3))).isEqualTo(SHIFT);
        assertThat(roundTrip(SHIFT, ShiftPoint.class)).isEqualTo(SHIFT);
    }

    private static String json(Object record) {
        return new String(AnalyticsRecords.toJson(record), StandardCharsets.UTF_8);
    }

    private static String roundTrip(String json, Class<?> type) throws IOException {
        return json(AnalyticsRecords.fromJson(json.getBytes(StandardCharsets.UTF_8), type));
    }
}
