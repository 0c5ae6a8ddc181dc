package dev.acumat.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the expected-content files of the test vectors (vectors/README.md gives
 * the format): a list of records, each a decoded message or a rejected stretch.
 */
final class VectorFile {
    private VectorFile() {
    }

    /** One expected outcome: a message (with the cell encoding it must travel in) or an error. */
    record Expected(Message message, String encoding, DecodeErrorType error) {
        static Expected message(Message m, String encoding) {
            return new Expected(m, encoding, null);
        }

        static Expected error(DecodeErrorType type) {
            return new Expected(null, null, type);
        }
    }

    static List<Expected> read(Path file) throws IOException {
        List<Expected> out = new ArrayList<>();
        Map<String, String> fields = null;
        String kind = null;
        int lineNo = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split(" ", 2);
            String key = kv[0];
            String value = kv.length > 1 ? kv[1].strip() : "";
            if (fields == null) {
                if (key.equals("error")) {
                    out.add(Expected.error(DecodeErrorType.valueOf(value)));
                } else if (key.equals("message")) {
                    kind = value;
                    fields = new LinkedHashMap<>();
                } else {
                    throw new IOException(file + ":" + lineNo + ": expected 'message' or 'error', got " + key);
                }
            } else if (key.equals("end")) {
                out.add(toExpected(kind, fields));
                fields = null;
            } else {
                fields.put(key, value);
            }
        }
        if (fields != null) {
            throw new IOException(file + ": record without 'end'");
        }
        return out;
    }

    private static Expected toExpected(String kind, Map<String, String> f) {
        switch (kind) {
            case "info_request":
                return Expected.message(InfoRequest.INSTANCE, null);
            case "device_info": {
                String[] fw = f.get("firmware").split("\\.");
                List<CalibrationPoint> points = new ArrayList<>();
                String cal = f.getOrDefault("calibration", "");
                for (String pair : cal.isEmpty() ? new String[0] : cal.split(" ")) {
                    String[] rp = pair.split(":");
                    points.add(new CalibrationPoint(Integer.parseInt(rp[0]), Long.parseLong(rp[1])));
                }
                return Expected.message(new DeviceInfo(f.get("mat_id"), Integer.parseInt(fw[0]),
                        Integer.parseInt(fw[1]), Integer.parseInt(fw[2]), Integer.parseInt(f.get("rows")),
                        Integer.parseInt(f.get("cols")), Long.parseLong(f.get("row_pitch_um")),
                        Long.parseLong(f.get("col_pitch_um")), Integer.parseInt(f.get("adc_bits")),
                        Long.parseLong(f.get("frame_interval_us")), Integer.parseInt(f.get("deadband")), points),
                        null);
            }
            case "mat_layout":
                return Expected.message(new MatLayout(Integer.parseInt(f.get("cell_order")),
                        Integer.parseInt(f.get("layout"))), null);
            case "pressure_frame": {
                int[] values = Arrays.stream(f.get("values").split(" ")).mapToInt(Integer::parseInt).toArray();
                return Expected.message(new PressureFrame(Long.parseLong(f.get("sequence")),
                        Long.parseLong(f.get("device_time_us")), Integer.parseInt(f.get("rows")),
                        Integer.parseInt(f.get("cols")), values), f.get("encoding"));
            }
            default:
                throw new IllegalArgumentException("unknown message kind " + kind);
        }
    }

    static String write(String comment, List<Expected> records) {
        StringBuilder sb = new StringBuilder();
        for (String line : comment.split("\n")) {
            sb.append("# ").append(line).append('\n');
        }
        for (Expected e : records) {
            if (e.error() != null) {
                sb.append("error ").append(e.error()).append('\n');
                continue;
            }
            Message m = e.message();
            if (m instanceof InfoRequest) {
                sb.append("message info_request\n");
            } else if (m instanceof DeviceInfo d) {
                sb.append("message device_info\n")
                        .append("mat_id ").append(d.matId()).append('\n')
                        .append("firmware ").append(d.firmwareVersion()).append('\n')
                        .append("rows ").append(d.rows()).append('\n')
                        .append("cols ").append(d.cols()).append('\n')
                        .append("row_pitch_um ").append(d.rowPitchUm()).append('\n')
                        .append("col_pitch_um ").append(d.colPitchUm()).append('\n')
                        .append("adc_bits ").append(d.adcBits()).append('\n')
                        .append("frame_interval_us ").append(d.frameIntervalUs()).append('\n')
                        .append("deadband ").append(d.deadband()).append('\n')
                        .append("calibration");
                for (CalibrationPoint p : d.calibration()) {
                    sb.append(' ').append(p.raw()).append(':').append(p.pressurePa());
                }
                sb.append('\n');
            } else if (m instanceof MatLayout l) {
                sb.append("message mat_layout\n")
                        .append("cell_order ").append(l.cellOrderBits()).append('\n')
                        .append("layout ").append(l.layoutCode()).append('\n');
            } else if (m instanceof PressureFrame p) {
                sb.append("message pressure_frame\n")
                        .append("sequence ").append(p.sequence()).append('\n')
                        .append("device_time_us ").append(p.deviceTimeMicros()).append('\n')
                        .append("rows ").append(p.rows()).append('\n')
                        .append("cols ").append(p.cols()).append('\n')
                        .append("encoding ").append(e.encoding()).append('\n')
                        .append("values");
                for (int i = 0; i < p.cells(); i++) {
                    sb.append(' ').append(p.valueAt(i));
                }
                sb.append('\n');
            }
            sb.append("end\n");
        }
        return sb.toString();
    }
}
