package dev.acumat.simulator;

import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.WireFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a recording says about itself in a comment line at its top, so that {@code analyze} and
 * {@code simulate --replay} take an exported session back without being told its geometry:
 *
 * <pre>
 * # acumat-replay 1 rows=32 cols=20 row_pitch_mm=22.000 col_pitch_mm=22.000 hz=25.000 adc_bits=12 calibration=0:0,4095:40000 mat=mat-1 session=mat-1.1795592005000 first_ms=1795591995000
 * </pre>
 *
 * Readers of the plain replay format skip it as a comment. {@code calibration} lists the mat's
 * points as raw:pascals (empty: raw counts); {@code mat}, {@code session} and {@code first_ms}
 * (the first frame's time, epoch ms; frame i is i / hz seconds later) are optional. So is
 * {@code order}, the mat's {@link CellOrder} ({@code order=flip-cols}), written only when it moves
 * cells: {@code rows}, {@code cols} and the pitches describe the frames as the file has them (as
 * the mat sent them), and the order says how they become acumat's canonical frames.
 * Keys this version does not know are ignored, so later versions may add some.
 */
public record ReplayHeader(int rows, int cols, long rowPitchUm, long colPitchUm, double hz, int adcBits,
                           List<CalibrationPoint> calibration, String matId, String sessionId, Long firstMs,
                           CellOrder order) {
    /** The comment's first word; the number after it is the header's version. */
    public static final String MARK = "# acumat-replay";
    static final int VERSION = 1;
    /**
     * Set to 1 when every frame follows a comment line {@code #@ SEQUENCE DEVICE_TIME_US TIME_US}:
     * the mat's sequence number, its clock, and the frame's wall-clock time (microseconds since
     * the epoch). Readers that do not know it skip those lines as comments.
     */
    public static final String FRAME_TIMES_KEY = "frame_times";
    /** The start of a frame-times comment line (see {@link #FRAME_TIMES_KEY}). */
    public static final String FRAME_TIMES_MARK = "#@";

    public ReplayHeader {
        if (rows < 1 || rows > WireFormat.MAX_ROWS || cols < 1 || cols > WireFormat.MAX_COLS) {
            throw new IllegalArgumentException("rows and cols must be 1..256: " + rows + " x " + cols);
        }
        if (rowPitchUm < 1 || rowPitchUm > WireFormat.MAX_PITCH_UM || colPitchUm < 1
                || colPitchUm > WireFormat.MAX_PITCH_UM) {
            throw new IllegalArgumentException("pitches must be in (0, 1000] mm");
        }
        if (!(hz > 0) || hz > 10_000) {
            throw new IllegalArgumentException("hz must be in (0, 10000]: " + hz);
        }
        if (adcBits < 1 || adcBits > 16) {
            throw new IllegalArgumentException("adc_bits must be 1..16: " + adcBits);
        }
        calibration = List.copyOf(calibration);
        order = order == null ? CellOrder.NONE : order;
    }

    /** A header of a mat whose frames are in acumat's order. */
    public ReplayHeader(int rows, int cols, long rowPitchUm, long colPitchUm, double hz, int adcBits,
                        List<CalibrationPoint> calibration, String matId, String sessionId, Long firstMs) {
        this(rows, cols, rowPitchUm, colPitchUm, hz, adcBits, calibration, matId, sessionId, firstMs, CellOrder.NONE);
    }

    /** The header of a recording of {@code info}'s mat at {@code hz}. */
    public static ReplayHeader of(DeviceInfo info, double hz, String sessionId, Long firstMs) {
        return of(info, hz, sessionId, firstMs, CellOrder.NONE);
    }

    /** The header of a recording of {@code info}'s mat at {@code hz}, whose cells are in {@code order}. */
    public static ReplayHeader of(DeviceInfo info, double hz, String sessionId, Long firstMs, CellOrder order) {
        return new ReplayHeader(info.rows(), info.cols(), info.rowPitchUm(), info.colPitchUm(), hz, info.adcBits(),
                info.calibration(), info.matId(), sessionId, firstMs, order);
    }

    /**
     * The device-info a mat of this header sends, under {@code matId}, with the geometry as
     * written (before {@link #order}); checks the calibration's order.
     */
    public DeviceInfo deviceInfo(String matId) {
        return new DeviceInfo(matId, 0, 1, 0, rows, cols, rowPitchUm, colPitchUm, adcBits, Math.round(1_000_000 / hz),
                0, calibration);
    }

    /** The header as its comment line (without a line end). */
    public String line() {
        StringBuilder s = new StringBuilder(MARK).append(' ').append(VERSION);
        s.append(String.format(Locale.ROOT, " rows=%d cols=%d row_pitch_mm=%.3f col_pitch_mm=%.3f hz=%.3f adc_bits=%d",
                rows, cols, rowPitchUm / 1000.0, colPitchUm / 1000.0, hz, adcBits));
        s.append(" calibration=");
        for (int i = 0; i < calibration.size(); i++) {
            s.append(i > 0 ? "," : "").append(calibration.get(i).raw()).append(':').append(calibration.get(i).pressurePa());
        }
        if (matId != null) {
            s.append(" mat=").append(matId);
        }
        if (sessionId != null) {
            s.append(" session=").append(sessionId);
        }
        if (firstMs != null) {
            s.append(" first_ms=").append(firstMs);
        }
        if (!order.isNone()) {
            s.append(" order=").append(order.format());
        }
        return s.toString();
    }

    /**
     * The header of a recording, from its comment lines before the first frame; empty when it
     * has none (a plain recording, a PhysioNet file). A header that is there but wrong is an
     * error naming the file and the key.
     */
    public static Optional<ReplayHeader> read(Path path) throws IOException {
        try (ReplayInput in = ReplayInput.open(path)) {
            StringBuilder comment = new StringBuilder();
            long line = 1;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    line++;
                } else if (b == '#') {
                    comment.setLength(0);
                    for (; b >= 0 && b != '\n'; b = in.read()) {
                        if (!ReplayInput.isCommentText(b)) {
                            throw in.notText(b, line);
                        }
                        comment.append((char) b);
                    }
                    String t = comment.toString().strip();
                    if (t.startsWith(MARK + " ")) {
                        return Optional.of(parse(path, t));
                    }
                    line++;
                } else if (!ReplayInput.isText(b)) {
                    throw in.notText(b, line);
                } else if (b != ' ' && b != '\t' && b != '\r' && b != ',') {
                    return Optional.empty();  // the first frame: a plain recording
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return Optional.empty();
    }

    static ReplayHeader parse(Path path, String line) {
        String[] words = line.substring(MARK.length()).trim().split("\\s+");
        if (!words[0].equals(String.valueOf(VERSION))) {
            throw new ReplayFormatException(path + ": replay header version " + words[0] + ", this reads " + VERSION);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                kv.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        try {
            String mat = kv.get("mat");
            if (mat != null && !WireFormat.isValidMatId(mat)) {
                throw new IllegalArgumentException("mat: not a mat id");
            }
            ReplayHeader h = new ReplayHeader(integer(kv, "rows"), integer(kv, "cols"), micrometres(kv, "row_pitch_mm"),
                    micrometres(kv, "col_pitch_mm"), number(kv, "hz"), integer(kv, "adc_bits"),
                    calibration(kv.getOrDefault("calibration", "")), mat, kv.get("session"),
                    kv.containsKey("first_ms") ? Long.parseLong(kv.get("first_ms")) : null,
                    kv.containsKey("order") ? orderOf(kv.get("order")) : CellOrder.NONE);
            h.deviceInfo(mat == null ? "recording" : mat);  // the calibration's order, checked now
            return h;
        } catch (IllegalArgumentException e) {
            throw new ReplayFormatException(path + ": bad replay header: " + e.getMessage());
        }
    }

    private static CellOrder orderOf(String text) {
        try {
            return CellOrder.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private static int integer(Map<String, String> kv, String key) {
        try {
            return Integer.parseInt(required(kv, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number");
        }
    }

    private static double number(Map<String, String> kv, String key) {
        try {
            return Double.parseDouble(required(kv, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number");
        }
    }

    private static long micrometres(Map<String, String> kv, String key) {
        double mm = number(kv, key);
        if (!(mm > 0) || mm > 1000) {
            throw new IllegalArgumentException(key + " must be in (0, 1000]");
        }
        return Math.round(mm * 1000);
    }

    private static List<CalibrationPoint> calibration(String text) {
        List<CalibrationPoint> points = new ArrayList<>();
        if (text.isEmpty()) {
            return points;
        }
        for (String p : text.split(",", -1)) {
            int colon = p.indexOf(':');
            try {
                points.add(new CalibrationPoint(Integer.parseInt(p.substring(0, colon)),
                        Long.parseLong(p.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("calibration: '" + p + "' is not raw:pascals");
            }
        }
        return points;
    }
}
