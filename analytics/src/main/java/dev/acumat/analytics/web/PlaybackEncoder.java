package dev.acumat.analytics.web;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.replay.FrameVisitor;
import dev.acumat.analytics.replay.RecordedFrame;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.PressureFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The answer of {@code /api/sessions/{id}/frames} (docs/WEB.md), built in memory up to its
 * bounds: every frame goes through a {@link MatAnalyzer} (the frames before the range too, so
 * the baseline and the session are where the live run had them) and those in range are kept
 * as the live stream's messages, each after its u32 little-endian length; or, for JSON, as the
 * same metrics with the frame's raw counts. A mat with a cell order of its own is played in the
 * canonical order, as the live view shows it: geometry, cells and raw counts alike. The order and
 * kind a mat states in its mat_layout records count too (the settings winning), which is why a
 * device-info takes effect at the next frame: its mat_layout comes right after it.
 */
final class PlaybackEncoder implements FrameVisitor {
    private final boolean json;
    private final int maxFrames;
    private final int maxBytes;
    private CellOrder order;
    private MatKind kind = MatKind.NOT_STATED;
    private final MatSettings settings;
    /** The mat whose settings resolve its stated layout; null: stated layouts are not used. */
    private final String matId;
    /** A device-info not yet taken up (at the next frame), or null. */
    private DeviceInfo pending;
    private DeviceInfo current;
    private int[] written;
    private int[] canonical;
    /** The geometry frames have as the mat sends them. */
    private int rows;
    private int cols;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private MatSpec spec;
    private MatAnalyzer analyzer;
    private int frames;
    private boolean more;
    private long nextFromMs = -1;

    PlaybackEncoder(boolean json, int maxFrames, int maxBytes) {
        this(json, maxFrames, maxBytes, CellOrder.NONE, MatSettings.NONE);
    }

    PlaybackEncoder(boolean json, int maxFrames, int maxBytes, CellOrder order) {
        this(json, maxFrames, maxBytes, order, MatSettings.NONE);
    }

    /** Frames in the mat's {@code order}, analysed with the posture model {@code settings} give the mat. */
    PlaybackEncoder(boolean json, int maxFrames, int maxBytes, CellOrder order, MatSettings settings) {
        this(json, maxFrames, maxBytes, order, settings, null);
    }

    /** As above, for mat {@code matId}, whose own mat_layout records are resolved through {@code settings}. */
    PlaybackEncoder(boolean json, int maxFrames, int maxBytes, CellOrder order, MatSettings settings, String matId) {
        this.json = json;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.order = order;
        this.settings = settings;
        this.matId = matId;
        if (matId != null) {
            MatSettings.Resolved resolved = settings.resolve(matId, null);
            this.order = resolved.order();
            this.kind = resolved.kind();
        }
    }

    @Override
    public void info(DeviceInfo info) {
        pending = info;
    }

    @Override
    public void layout(MatLayout layout) {
        if (matId == null) {
            return;
        }
        MatSettings.Resolved resolved = settings.resolve(matId, layout);
        if (!resolved.order().equals(order) || resolved.kind() != kind) {
            order = resolved.order();
            kind = resolved.kind();
            if (pending == null && current != null && !json) {
                // The same device-info under another order or kind is another mat (JSON has one mat:
                // there a change after its first frame is left out).
                pending = current;
                spec = null;
            }
        }
    }

    private void takeUp(DeviceInfo info) {
        current = info;
        MatSpec next = MatSpec.of(order.canonical(info));
        if (next.equals(spec) || (json && spec != null)) {
            return;  // JSON has one mat: frames of another geometry are left out
        }
        spec = next;
        rows = info.rows();
        cols = info.cols();
        written = new int[info.cells()];
        canonical = new int[info.cells()];
        analyzer = new MatAnalyzer(next, settings.postureModel(next, kind), kind);
        if (json) {
            text("\"mat\":" + LiveFrames.matMessage(next) + ",\"frames\":[");
        } else {
            record(LiveFrames.matMessage(next).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public boolean frame(RecordedFrame frame, boolean inRange) {
        if (pending != null) {
            takeUp(pending);
            pending = null;
        }
        PressureFrame f = frame.frame();
        if (analyzer == null || f.rows() != rows || f.cols() != cols) {
            return true;
        }
        if (inRange && (frames >= maxFrames || out.size() >= maxBytes)) {
            more = true;
            nextFromMs = frame.timeMs();
            return false;
        }
        int[] cells = null;
        if (!order.isNone()) {
            f.copyTo(written);
            order.apply(written, rows, cols, canonical);
            cells = canonical;
        }
        MatAnalyzer.FrameResult r = cells == null ? analyzer.analyze(frame.timeMicros(), f)
                : analyzer.analyze(frame.timeMicros(), cells);
        if (!inRange) {
            return true;
        }
        if (json) {
            StringBuilder s = new StringBuilder(frames > 0 ? "," : "");
            String metrics = LiveFrames.metrics(f.sequence(), r, null);
            s.append(metrics, 0, metrics.length() - 1).append(",\"raw\":[");
            for (int i = 0; i < f.cells(); i++) {
                s.append(i > 0 ? "," : "").append(cells == null ? f.valueAt(i) : cells[i]);
            }
            text(s.append("]}").toString());
        } else {
            record(LiveFrames.frameMessage(spec, f.sequence(), r, null));
        }
        frames++;
        return true;
    }

    int frames() {
        return frames;
    }

    boolean more() {
        return more;
    }

    /** Where the next answer starts when this one is {@link #more()}; -1 otherwise. */
    long nextFromMs() {
        return nextFromMs;
    }

    /** The whole answer: for the binary form, the records and a last JSON record saying how it ended. */
    byte[] finish() {
        String end = "\"more\":" + more + ",\"next_from_ms\":" + (more ? String.valueOf(nextFromMs) : "null");
        if (json) {
            return ("{" + (spec == null ? "\"mat\":null,\"frames\":[" : "") + out.toString(StandardCharsets.UTF_8)
                    + "]," + "\"count\":" + frames + "," + end + "}").getBytes(StandardCharsets.UTF_8);
        }
        record(("{\"type\":\"end\",\"count\":" + frames + "," + end + "}").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void record(byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).array());
        out.writeBytes(payload);
    }
}
