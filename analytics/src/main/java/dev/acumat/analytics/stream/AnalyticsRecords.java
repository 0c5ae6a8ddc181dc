package dev.acumat.analytics.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.ContactMetrics;
import dev.acumat.analytics.influx.ContactPoint;
import dev.acumat.analytics.influx.SessionPoint;
import dev.acumat.analytics.influx.ShiftPoint;
import dev.acumat.analytics.session.SessionSummary;
import dev.acumat.analytics.session.ShiftDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the analytics produce on their topics (docs/TOPICS.md), and their JSON: the contact of a
 * mat once a second while someone is on it ({@link ContactPoint}), sessions as they start,
 * progress and end ({@link SessionPoint}), and posture shifts ({@link ShiftPoint}). The same
 * records are what the InfluxDB sink reads back and stores; so can anyone else read them.
 */
public final class AnalyticsRecords {
    /** The one JSON mapping of the records: field names by their annotations, absent (null) fields left out. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AnalyticsRecords() {
    }

    /** The contact reading of an analysed frame of a mat whose pressures are in {@code units}. */
    static ContactPoint contact(String mat, String units, MatAnalyzer.FrameResult r) {
        ContactMetrics c = r.contact();
        return new ContactPoint(mat, r.timeMicros(), r.sessionId(), units, c.contactRatio(), c.contactAreaCm2(),
                c.contactCells(), r.lowerBackCoverage(), c.peakPressure(), c.meanPressure(), c.loadForceN(),
                finite(c.copXCm()), finite(c.copYCm()), MatAnalyzer.postureLabel(r));
    }

    /** A session as the tracker has it so far. */
    static SessionPoint session(String mat, SessionSummary s) {
        Map<String, Double> times = new LinkedHashMap<>();
        s.postureTimeS().forEach((p, t) -> times.put(p.label(), t));
        return new SessionPoint(mat, s.sessionId(), s.startMicros(), s.endMicros(), s.active(), s.durationS(),
                finite(s.coverageMean()), s.lowerBackTimeS(), s.postureShifts(), times, s.endReason());
    }

    /** A shift the detector found in a session. */
    static ShiftPoint shift(String mat, String sessionId, ShiftDetector.Shift s) {
        return new ShiftPoint(mat, sessionId, s.timeMicros(), s.from().label(), s.to().label(), s.copShiftCm());
    }

    /** The analyzer's NaN ("none": a centre of pressure without load) as the records' absent field. */
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
