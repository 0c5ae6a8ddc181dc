package dev.acumat.analytics.offline;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.ContactMetrics;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.analytics.session.SessionSummary;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatKind;
import dev.acumat.simulator.ReplayFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code acumat analyze}: the analytics on a recording in the replay format, without Kafka or
 * InfluxDB, printing JSON lines (a line per frame with the fields of the {@code contact}
 * measurement, a line per session start, session end and posture shift) or CSV (a row per
 * frame). A frame is at the time an export wrote for it (its {@code #@} line), else i / hz seconds
 * after the origin: 0, or the first frame's time that an exported recording's header gives, so
 * that session ids and times match the live run's, gaps of frames lost on the wire included. The
 * spec is the canonical geometry; a recording written in another {@link CellOrder} is read
 * through it.
 */
public final class RecordingAnalysis {
    public enum Format { JSONL, CSV }

    static final String CSV_HEADER = "frame,t_s,on_mat,contact_ratio,contact_area_cm2,lower_back_coverage,"
            + "peak_pressure,mean_pressure,cop_x_cm,cop_y_cm,posture,units,events";

    private final MatSpec spec;
    private final CellOrder order;
    private final double hz;
    private final long originMicros;
    private final Format format;
    private final PrintWriter out;
    private PostureModel model;
    private MatKind kind = MatKind.NOT_STATED;
    private RecordingCheck check;
    /** Every frame's time so far, in order: where an event's time leads back to its frame. */
    private long[] times = new long[1024];
    private long frameTimes;

    public RecordingAnalysis(MatSpec spec, double hz, Format format, PrintWriter out) {
        this(spec, hz, 0, format, out);
    }

    public RecordingAnalysis(MatSpec spec, double hz, long originMicros, Format format, PrintWriter out) {
        this(spec, CellOrder.NONE, hz, originMicros, format, out);
    }

    /**
     * @param spec  the mat in the canonical order
     * @param order how the recordings' cells map to it: their frames have {@code spec}'s rows and
     *              columns, swapped under a transpose
     */
    public RecordingAnalysis(MatSpec spec, CellOrder order, double hz, long originMicros, Format format,
                             PrintWriter out) {
        this.spec = spec;
        this.order = order;
        this.hz = hz;
        this.originMicros = originMicros;
        this.format = format;
        this.out = out;
    }

    /** Classifies postures with {@code model} instead of the shipped model for the mat's size. */
    public RecordingAnalysis withModel(PostureModel model) {
        this.model = model;
        return this;
    }

    /**
     * Analyses the recording as a mat of this kind (a stated kind picks the shipped posture model
     * of its layout rather than the mat's size; a lumbar pad is asked no posture).
     */
    public RecordingAnalysis withKind(MatKind kind) {
        this.kind = kind;
        return this;
    }

    /** Shows every frame and its result to {@code check} as well. */
    public RecordingAnalysis checking(RecordingCheck check) {
        this.check = check;
        return this;
    }

    /**
     * Analyses every frame of the recordings, one after the other as one recording (several
     * files of one person make a session with shifts); returns the number of frames.
     */
    public long run(List<Path> recordings) throws IOException {
        MatAnalyzer analyzer = new MatAnalyzer(spec, model != null ? model
                : kind == MatKind.LUMBAR_PAD ? null : PostureModel.shipped(PostureModel.Layout.of(spec, kind)), kind);
        int[] raw = new int[spec.cells()];
        if (format == Format.CSV) {
            out.println(CSV_HEADER);
        }
        long frame = 0;
        for (Path recording : recordings) {
            // The inverse order's geometry of the canonical grid is the grid as written.
            CellOrder back = order.inverse();
            try (ReplayFile file = ReplayFile.open(recording, back.outRows(spec.rows(), spec.cols()),
                    back.outCols(spec.rows(), spec.cols()), order)) {
                while (file.next(raw)) {
                    MatAnalyzer.FrameResult r = analyzer.analyze(timeOf(frame, file.times()), raw);
                    if (check != null) {
                        check.add(raw, r);
                    }
                    frameLine(frame, r);
                    events(r.events());
                    frame++;
                }
            }
        }
        events(analyzer.finish());
        out.flush();
        return frame;
    }

    /**
     * Frame {@code frame}'s time: the one an export wrote for it, which keeps the gaps of frames
     * lost on the wire; else i / hz after the origin. Remembered, so an event's time leads back
     * to its frame.
     */
    private long timeOf(long frame, ReplayFile.FrameTimes given) {
        long t = given != null ? given.timeMicros() : originMicros + Math.round(frame * 1e6 / hz);
        if (frame == times.length) {
            times = Arrays.copyOf(times, Math.max(1024, times.length * 2));
        }
        times[(int) frame] = t;
        frameTimes = frame + 1;
        return t;
    }

    /** The frame at {@code micros}: the last frame at or before it. */
    private long frameOf(long micros) {
        int i = Arrays.binarySearch(times, 0, (int) frameTimes, micros);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** Seconds from the origin to frame {@code frame}. */
    private double secondsOf(long frame) {
        return (times[(int) frame] - originMicros) / 1e6;
    }

    private void frameLine(long frame, MatAnalyzer.FrameResult r) {
        if (!r.valid()) {
            // Sensor noise: set aside, neither a body nor a lift.
            if (format == Format.CSV) {
                out.println(String.format(Locale.ROOT, "%d,%.3f,,,,,,,,,invalid,%s,", frame, secondsOf(frame),
                        spec.calibration().units()));
            } else {
                out.println(new JsonLine().field("frame", frame).field("t_s", secondsOf(frame), 3).field("invalid", "noise"));
            }
            return;
        }
        ContactMetrics c = r.contact();
        String posture = MatAnalyzer.postureLabel(r);
        if (format == Format.CSV) {
            // An event is known on the frame that confirms it (a session start a second after the
            // person got on, a shift once the body settled) but began earlier: each is named with
            // the frame it began at, the frame the JSON lines give it.
            StringBuilder ev = new StringBuilder();
            for (SessionEvent e : r.events()) {
                ev.append(ev.length() > 0 ? ";" : "").append(name(e)).append('@').append(frameOf(e.timeMicros()));
            }
            out.println(String.format(Locale.ROOT, "%d,%.3f,%b,%.4f,%.1f,%s,%.3f,%.3f,%s,%s,%s,%s,%s", frame,
                    secondsOf(frame), r.onMat(), c.contactRatio(), c.contactAreaCm2(),
                    r.lowerBackCoverage() == null ? "" : String.format(Locale.ROOT, "%.4f", r.lowerBackCoverage()),
                    c.peakPressure(), c.meanPressure(), num(c.copXCm()), num(c.copYCm()), posture,
                    spec.calibration().units(), ev));
            return;
        }
        out.println(new JsonLine().field("frame", frame).field("t_s", secondsOf(frame), 3).field("on_mat", r.onMat())
                .field("contact_ratio", c.contactRatio(), 4).field("contact_area_cm2", c.contactAreaCm2(), 1)
                .field("lower_back_coverage", r.lowerBackCoverage(), 4).field("peak_pressure", c.peakPressure(), 3)
                .field("mean_pressure", c.meanPressure(), 3).field("cop_x_cm", c.copXCm(), 2)
                .field("cop_y_cm", c.copYCm(), 2).field("posture", posture)
                .field("units", spec.calibration().units()));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String name(SessionEvent e) {
        if (e instanceof SessionEvent.Started) {
            return "session_start";
        }
        if (e instanceof SessionEvent.Ended) {
            return "session_end";
        }
        return e instanceof SessionEvent.Shifted ? "posture_shift" : "session_update";
    }

    private void events(List<SessionEvent> events) {
        if (format != Format.JSONL) {
            return;
        }
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Updated) {
                continue;
            }
            JsonLine line = new JsonLine().field("event", name(e)).field("frame", frameOf(e.timeMicros()))
                    .field("t_s", (e.timeMicros() - originMicros) / 1e6, 3);
            if (e instanceof SessionEvent.Shifted s) {
                line.field("session_id", s.sessionId()).field("from", s.shift().from().label())
                        .field("to", s.shift().to().label()).field("cop_shift_cm", s.shift().copShiftCm(), 2);
            } else {
                SessionSummary s = e instanceof SessionEvent.Started st ? st.session() : ((SessionEvent.Ended) e).session();
                line.field("session_id", s.sessionId());
                if (e instanceof SessionEvent.Ended) {
                    line.field("duration_s", s.durationS(), 2).field("lower_back_time_s", s.lowerBackTimeS(), 2)
                            .field("lower_back_coverage_mean", s.coverageMean(), 4)
                            .field("posture_shifts", (long) s.postureShifts()).field("end_reason", s.endReason());
                    s.postureTimeS().forEach((p, t) -> line.field("time_" + p.label() + "_s", t, 2));
                }
            }
            out.println(line);
        }
    }
}
