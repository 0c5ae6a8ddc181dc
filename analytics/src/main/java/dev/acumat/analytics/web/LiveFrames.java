package dev.acumat.analytics.web;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.body.LowerBackRegion;
import dev.acumat.analytics.frame.ContactMetrics;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The live stream's messages (docs/WEB.md). A frame is binary: the ASCII magic {@code AMF1},
 * a u32 little-endian length N, N bytes of JSON with the frame's metrics, then one byte per
 * cell, row-major: pressure = byte x {@code scale}, so a 32 x 20 frame travels in about 1 KB.
 */
final class LiveFrames {
    static final byte[] MAGIC = "AMF1".getBytes(StandardCharsets.US_ASCII);

    private LiveFrames() {
    }

    /** The pressure one byte step stands for: 40 kPa over 255 steps, or the ADC's range for raw counts. */
    static float scale(MatSpec spec) {
        return spec.calibration().calibrated() ? 40f / 255 : spec.calibration().pressure(Integer.MAX_VALUE) / 255f;
    }

    /** The text message announcing a mat's geometry and units, sent when a client starts watching it. */
    static String matMessage(MatSpec spec) {
        return String.format(Locale.ROOT, "{\"type\":\"mat\",\"mat\":\"%s\",\"rows\":%d,\"cols\":%d,"
                        + "\"row_pitch_cm\":%.3f,\"col_pitch_cm\":%.3f,\"units\":\"%s\",\"contact_threshold\":%.4f,"
                        + "\"scale\":%.6f}", spec.matId(), spec.rows(), spec.cols(), spec.rowPitchCm(), spec.colPitchCm(),
                spec.calibration().units(), spec.calibration().contactThreshold(), scale(spec));
    }

    /**
     * The text message saying how long ago this server last heard from the mat, in seconds, so
     * that a page can say "last frame 12 s ago" for a silent mat on the server's clock alone (it
     * counts on from the message's arrival); NaN, sent as null, for a mat it never heard from.
     */
    static String statusMessage(String mat, double lastFrameAgeS) {
        return String.format(Locale.ROOT, "{\"type\":\"status\",\"mat\":\"%s\",\"last_frame_age_s\":%s}", mat,
                Double.isFinite(lastFrameAgeS) ? String.format(Locale.ROOT, "%.1f", lastFrameAgeS) : "null");
    }

    /** One frame for the browser: metrics as JSON, pressure as bytes. */
    static byte[] frameMessage(MatSpec spec, long seq, MatAnalyzer.FrameResult r, String session) {
        byte[] json = metrics(seq, r, session).getBytes(StandardCharsets.UTF_8);
        PressureMap map = r.map();
        float[] p = map.pressures();
        float step = scale(spec);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + p.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(json.length).put(json);
        for (float v : p) {
            out.put((byte) Math.min(255, Math.round(v / step)));
        }
        return out.array();
    }

    /** A frame's metrics as the JSON object of its message; {@code session} is JSON or null. */
    static String metrics(long seq, MatAnalyzer.FrameResult r, String session) {
        ContactMetrics c = r.contact();
        StringBuilder j = new StringBuilder(256);
        j.append(String.format(Locale.ROOT, "{\"time_ms\":%d,\"seq\":%d,\"on_mat\":%b,\"contact_ratio\":%.4f,"
                        + "\"contact_area_cm2\":%.1f,\"peak_pressure\":%.3f,\"mean_pressure\":%.3f,\"posture\":%s,"
                        + "\"confidence\":%.3f", r.timeMicros() / 1000, seq, r.onMat(), c.contactRatio(),
                c.contactAreaCm2(), c.peakPressure(), c.meanPressure(),
                // null on a lumbar pad, which is asked no posture
                MatAnalyzer.postureLabel(r) == null ? "null" : "\"" + MatAnalyzer.postureLabel(r) + "\"",
                r.body().confidence()));
        number(j, "cop_x_cm", c.copXCm());
        number(j, "cop_y_cm", c.copYCm());
        LowerBackRegion lb = r.body().lowerBack();
        number(j, "lower_back_coverage", lb == null ? Double.NaN : lb.coverage());
        j.append(",\"lower_back_outline_cm\":");
        if (lb == null || lb.outlineCm() == null) {
            j.append("null");
        } else {
            j.append('[');
            double[] o = lb.outlineCm();
            for (int i = 0; i < o.length; i++) {
                j.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.2f", o[i]));
            }
            j.append(']');
        }
        j.append(",\"session\":").append(session == null ? "null" : session).append('}');
        return j.toString();
    }

    private static void number(StringBuilder j, String name, double v) {
        j.append(",\"").append(name).append("\":");
        j.append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "null");
    }
}
