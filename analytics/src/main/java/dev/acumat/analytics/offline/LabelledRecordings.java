package dev.acumat.analytics.offline;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.contract.Posture;
import dev.acumat.analytics.frame.Calibration;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.protocol.CellOrder;
import dev.acumat.simulator.ReplayFile;
import dev.acumat.simulator.ReplayHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recordings with the posture each frame shows, for training and testing a posture model: a
 * CSV labels file with the columns {@code file,mat,subject,posture,frames}:
 * <ul>
 *   <li>{@code file}: a recording in the replay format, relative to the labels file;
 *   <li>{@code mat}: which mat it was made on (held out together when testing across mats);
 *   <li>{@code subject}: who lay on it (held out together when testing across people);
 *   <li>{@code posture}: {@code supine}, {@code prone}, {@code left}, {@code right},
 *       {@code sitting} or {@code standing};
 *   <li>{@code frames}: the frames (from 0, comment lines not counted) that show it: {@code a-}
 *       to the end, {@code a-b} inclusive, or {@code a}; empty for all.
 * </ul>
 * A recording without an acumat-replay header needs the optional columns {@code rows},
 * {@code cols}, {@code row_pitch_mm}, {@code col_pitch_mm} and {@code order} (a cell order such as
 * {@code flip-cols}, empty for none).
 *
 * <p>Each recording is read through a {@link MatAnalyzer}, as {@code acumat analyze} reads it: its
 * frames are above the empty mat's baseline learnt from its own empty frames, and frames of
 * sensor noise are left out, so a model learns from what the analytics will see.
 */
public final class LabelledRecordings {
    /** One labelled stretch of a recording. */
    public record Label(Path file, String mat, String subject, Posture posture, int from, int to, Geometry geometry) {
    }

    /** A recording's geometry as written, for a file without a header. */
    public record Geometry(int rows, int cols, double rowPitchMm, double colPitchMm, CellOrder order) {
    }

    /** What gets each labelled frame. */
    @FunctionalInterface
    public interface Sink {
        void frame(Label label, PressureMap map);
    }

    private final List<Label> labels;

    private LabelledRecordings(List<Label> labels) {
        this.labels = labels;
    }

    public List<Label> labels() {
        return labels;
    }

    /** Reads a labels file; an error names the file, the line and what is wrong with it. */
    public static LabelledRecordings read(Path labelsFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(labelsFile, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(labelsFile + ": not a text file");
        }
        if (lines.isEmpty()) {
            throw new IOException(labelsFile + ": empty, expected the header file,mat,subject,posture,frames");
        }
        String[] header = split(lines.get(0));
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            col.put(header[i].trim().toLowerCase(Locale.ROOT), i);
        }
        for (String need : new String[] {"file", "mat", "subject", "posture", "frames"}) {
            if (!col.containsKey(need)) {
                throw new IOException(labelsFile + ": line 1 has no column '" + need
                        + "' (expected file,mat,subject,posture,frames)");
            }
        }
        Path dir = labelsFile.toAbsolutePath().getParent();
        List<Label> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = split(line);
            String where = labelsFile + ": line " + (n + 1) + ": ";
            try {
                Path file = dir.resolve(get(f, col, "file"));
                Posture posture = posture(get(f, col, "posture"));
                int[] range = range(get(f, col, "frames"));
                String mat = get(f, col, "mat");
                String subject = get(f, col, "subject");
                if (mat.isEmpty() || subject.isEmpty()) {
                    throw new IllegalArgumentException("mat and subject must not be empty");
                }
                out.add(new Label(file, mat, subject, posture, range[0], range[1], geometry(f, col)));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new IOException(labelsFile + ": no labelled recordings");
        }
        return new LabelledRecordings(out);
    }

    /**
     * Reads every labelled recording once, frame by frame through a {@link MatAnalyzer}, and
     * gives {@code sink} each valid labelled frame's pressure map (valid until the next call).
     */
    public void forEach(Sink sink) throws IOException {
        Map<Path, List<Label>> byFile = new LinkedHashMap<>();
        for (Label l : labels) {
            byFile.computeIfAbsent(l.file(), k -> new ArrayList<>()).add(l);
        }
        for (Map.Entry<Path, List<Label>> e : byFile.entrySet()) {
            read(e.getKey(), e.getValue(), sink);
        }
    }

    /** A recording's frames as acumat reads them: the canonical geometry and every frame, in order. */
    public record Frames(MatSpec spec, List<int[]> frames) {
    }

    /** Reads the whole recording of a label (through its header, or the label's geometry). */
    public static Frames frames(Label label) throws IOException {
        Path file = label.file();
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": " + (Files.isDirectory(file) ? "is a directory" : "no such file"));
        }
        ReplayHeader header = ReplayHeader.read(file).orElse(null);
        int rows;
        int cols;
        CellOrder order;
        MatSpec spec;
        if (header != null) {
            rows = header.rows();
            cols = header.cols();
            order = header.order();
            spec = MatSpec.of(order.canonical(header.deviceInfo(label.mat())));
        } else {
            Geometry g = label.geometry();
            if (g == null) {
                throw new IOException(file + ": no acumat-replay header, and the labels give no rows, cols,"
                        + " row_pitch_mm and col_pitch_mm for it");
            }
            rows = g.rows();
            cols = g.cols();
            order = g.order();
            boolean t = order.transpose();
            spec = new MatSpec(label.mat(), order.outRows(rows, cols), order.outCols(rows, cols),
                    (t ? g.colPitchMm() : g.rowPitchMm()) / 10, (t ? g.rowPitchMm() : g.colPitchMm()) / 10,
                    Calibration.raw(ReplayFile.check(file, rows, cols).maxValue() <= 4095 ? 12 : 16));
        }
        List<int[]> frames = new ArrayList<>();
        try (ReplayFile in = ReplayFile.open(file, rows, cols, order)) {
            int[] raw = new int[spec.cells()];
            while (in.next(raw)) {
                frames.add(raw.clone());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Frames(spec, frames);
    }

    private static void read(Path file, List<Label> labels, Sink sink) throws IOException {
        Frames f = frames(labels.get(0));
        MatAnalyzer analyzer = new MatAnalyzer(f.spec(), null);
        for (int frame = 0; frame < f.frames().size(); frame++) {
            MatAnalyzer.FrameResult r = analyzer.analyze(frame * 1_000_000L, f.frames().get(frame));
            if (!r.valid()) {
                continue;
            }
            for (Label l : labels) {
                if (frame >= l.from() && frame <= l.to()) {
                    sink.frame(l, r.map());
                }
            }
        }
    }

    private static Geometry geometry(String[] f, Map<String, Integer> col) {
        if (!col.containsKey("rows") || get(f, col, "rows").isEmpty()) {
            return null;
        }
        int rows = Integer.parseInt(get(f, col, "rows"));
        int cols = Integer.parseInt(get(f, col, "cols"));
        double rowPitch = Double.parseDouble(get(f, col, "row_pitch_mm"));
        String colPitch = col.containsKey("col_pitch_mm") ? get(f, col, "col_pitch_mm") : "";
        String order = col.containsKey("order") ? get(f, col, "order") : "";
        if (rows < 1 || rows > 256 || cols < 1 || cols > 256 || !(rowPitch > 0)) {
            throw new IllegalArgumentException("rows and cols must be 1..256 and the pitch above 0");
        }
        return new Geometry(rows, cols, rowPitch, colPitch.isEmpty() ? rowPitch : Double.parseDouble(colPitch),
                order.isEmpty() ? CellOrder.NONE : CellOrder.parse(order.replace(';', ',')));
    }

    private static Posture posture(String label) {
        for (Posture p : Posture.values()) {
            if (p != Posture.UNKNOWN && p.label().equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("posture '" + label
                + "' is not one of supine, prone, left, right, sitting, standing");
    }

    /** {@code a-}, {@code a-b} or {@code a} (empty: every frame) as {from, to}. */
    private static int[] range(String text) {
        try {
            if (text.isEmpty()) {
                return new int[] {0, Integer.MAX_VALUE};
            }
            int dash = text.indexOf('-');
            if (dash < 0) {
                int a = Integer.parseInt(text);
                return checked(a, a);
            }
            int a = Integer.parseInt(text.substring(0, dash).trim());
            String rest = text.substring(dash + 1).trim();
            return checked(a, rest.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(rest));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frames '" + text + "' is not a-, a-b or a");
        }
    }

    private static int[] checked(int a, int b) {
        if (a < 0 || b < a) {
            throw new IllegalArgumentException("frames " + a + "-" + b + " is not a range from 0");
        }
        return new int[] {a, b};
    }

    private static String get(String[] f, Map<String, Integer> col, String name) {
        int i = col.get(name);
        return i < f.length ? f[i].trim() : "";
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }
}
