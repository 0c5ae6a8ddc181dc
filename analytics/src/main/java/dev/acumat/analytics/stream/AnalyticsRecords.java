package dev.acumat.analytics.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.ContactMetrics;
import dev.acumat.analytics.session.SessionSummary;
import dev.acumat.analytics.session.ShiftDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the analytics produce, as JSON records on the output topics (docs/TOPICS.md): the
 * contact of a mat once a second while someone is on it, sessions as they start, progress and
 * end, and posture shifts. The InfluxDB sink reads them; so can anyone else.
 */
public final class AnalyticsRecords {
    public static final String CONTACT_TOPIC = "acumat.contact";
    public static final String SESSIONS_TOPIC = "acumat.sessions";
    public static final String SHIFTS_TOPIC = "acumat.posture-shifts";
    /**
     * The mats the analytics hear from: key mat id, value the mat's device-info message (as in
     * acumat.frames), timestamp when the analytics last had a frame of it; every 2 s per mat
     * sending, and at once for a new device-info. Compacted. What the live view knows of mats it
     * does not show, without reading every frame of every mat.
     */
    public static final String MATS_TOPIC = "acumat.mats";

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AnalyticsRecords() {
    }

    /** Fields of the InfluxDB {@code contact} measurement, plus a few more; null where absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(String mat, @JsonProperty("time_us") long timeMicros,
                          @JsonProperty("session_id") String sessionId, String units,
                          @JsonProperty("contact_ratio") double contactRatio,
                          @JsonProperty("contact_area_cm2") double contactAreaCm2,
                          @JsonProperty("contact_cells") int contactCells,
                          @JsonProperty("lower_back_coverage") Double lowerBackCoverage,
                          @JsonProperty("peak_pressure") double peakPressure,
                          @JsonProperty("mean_pressure") double meanPressure,
                          @JsonProperty("load_n") double loadN,
                          @JsonProperty("cop_x_cm") Double copXCm, @JsonProperty("cop_y_cm") Double copYCm,
                          String posture) {

        static Contact of(String mat, String units, MatAnalyzer.FrameResult r) {
            ContactMetrics c = r.contact();
            return new Contact(mat, r.timeMicros(), r.sessionId(), units, c.contactRatio(), c.contactAreaCm2(),
                    c.contactCells(), r.lowerBackCoverage(), c.peakPressure(), c.meanPressure(), c.loadForceN(),
                    finite(c.copXCm()), finite(c.copYCm()), MatAnalyzer.postureLabel(r));
        }
    }

    /** Fields of the InfluxDB {@code session} measurement, plus the time in each posture. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Session(String mat, @JsonProperty("session_id") String sessionId,
                          @JsonProperty("start_us") long startMicros, @JsonProperty("end_us") long endMicros,
                          boolean active, @JsonProperty("duration_s") double durationS,
                          @JsonProperty("lower_back_coverage_mean") Double lowerBackCoverageMean,
                          @JsonProperty("lower_back_time_s") double lowerBackTimeS,
                          @JsonProperty("posture_shifts") int postureShifts,
                          @JsonProperty("posture_time_s") Map<String, Double> postureTimeS,
                          @JsonProperty("end_reason") String endReason) {

        static Session of(String mat, SessionSummary s) {
            Map<String, Double> times = new LinkedHashMap<>();
            s.postureTimeS().forEach((p, t) -> times.put(p.label(), t));
            return new Session(mat, s.sessionId(), s.startMicros(), s.endMicros(), s.active(), s.durationS(),
                    finite(s.coverageMean()), s.lowerBackTimeS(), s.postureShifts(), times, s.endReason());
        }
    }

    /** Fields of the InfluxDB {@code posture_shift} measurement. */
    public record Shift(String mat, @JsonProperty("session_id") String sessionId,
                        @JsonProperty("time_us") long timeMicros, String from, String to,
                        @JsonProperty("cop_shift_cm") double copShiftCm) {

        static Shift of(String mat, String sessionId, ShiftDetector.Shift s) {
            return new Shift(mat, sessionId, s.timeMicros(), s.from().label(), s.to().label(), s.copShiftCm());
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static byte[] toJson(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T fromJson(byte[] json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }
}
