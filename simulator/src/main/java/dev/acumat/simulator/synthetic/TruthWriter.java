package dev.acumat.simulator.synthetic;

import dev.acumat.simulator.FrameTruth;
import dev.acumat.contract.Posture;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the ground truth of a run as JSON lines, one object per line, for scoring analytics.
 * Frames are numbers and times are device time (seconds, 3 decimals) as passed to
 * {@link #record}; frame ranges are inclusive. Lines are written when what they describe ends,
 * so they are ordered by their end, not their start. Four kinds:
 *
 * <pre>
 * {"kind":"interval","start_frame":0,"end_frame":124,"start_s":0.000,"end_s":4.960,
 *  "on_mat":false,"posture":null,"phase":"empty","lumbar_coverage":null}
 * </pre>
 * A maximal run of frames with the same (on_mat, posture, phase). Intervals cover every
 * recorded frame exactly once. posture is one of supine, prone, left, right, sitting,
 * standing, unknown (in the middle of a posture change), or null off the mat.
 * lumbar_coverage is the mean over the interval of {@link FrameTruth#lumbarCoverage()} (3
 * decimals), null when no frame of it has one (not supine).
 *
 * <pre>
 * {"kind":"shift","frame":300,"settled_frame":340,"t_s":12.000,"settled_s":13.600,
 *  "from":"supine","to":"left","posture_change":true,"cop_shift_cm":7.91,"phase":"roll-left"}
 * </pre>
 * One posture shift: a run of frames whose truth says {@code shift} (a posture change, or the
 * body moving on the mat and settling; never getting on or off, a lift, breathing or noise).
 * frame is its first frame, settled_frame the first frame after it (null if the run was cut
 * short by the end). from is the posture of the frame before, to that of the settled frame.
 * cop_shift_cm is the distance between the noiseless centre of pressure on the mat window just
 * before and once settled (null when unknown, e.g. nothing on the window).
 *
 * <pre>
 * {"kind":"session_start","frame":125,"t_s":5.000}
 * {"kind":"session_end","start_frame":125,"end_frame":4999,"start_s":5.000,"end_s":199.960}
 * </pre>
 * A session is a maximal run of on-mat frames: from getting on to getting off. Short lifts
 * stay inside it (the person is still on the mat, bearing less).
 *
 * <p>A null truth (a recording) is ignored. {@link #finish()} writes what is still open and
 * flushes; {@link #close()} also closes the writer, once; records after it are dropped. The
 * methods are synchronized, so a shutdown hook may close the writer while frames still come.
 */
public final class TruthWriter implements Closeable {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(200);

    private boolean open;
    private long startFrame;
    private long startMicros;
    private boolean onMat;
    private Posture posture;
    private String phase;
    private double coverageSum;
    private int coverageFrames;

    private boolean inSession;
    private long sessionFrame;
    private long sessionMicros;

    private boolean inShift;
    private long shiftFrame;
    private long shiftMicros;
    private Posture shiftFrom;
    private String shiftPhase;
    private double copXBefore = Double.NaN;
    private double copYBefore = Double.NaN;

    private boolean closed;
    private FrameTruth last;
    private long lastFrame;
    private long lastMicros;

    public TruthWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Records one frame's truth; frames must come in increasing order. */
    public synchronized void record(long frame, long deviceTimeMicros, FrameTruth truth) throws IOException {
        if (truth == null || closed) {
            return;
        }
        boolean same = open && truth.onMat() == onMat && truth.posture() == posture
                && Objects.equals(truth.phase(), phase);
        if (open && !same) {
            writeInterval();
        }
        if (inSession && !truth.onMat()) {
            writeSessionEnd();
        }
        boolean shifting = truth.shift() && truth.onMat();
        if (inShift && !shifting) {
            writeShift(frame, deviceTimeMicros, truth);
        } else if (!inShift && shifting) {
            inShift = true;
            shiftFrame = frame;
            shiftMicros = deviceTimeMicros;
            shiftPhase = truth.phase();
            shiftFrom = last != null && last.onMat() ? last.posture() : null;
            copXBefore = last != null ? last.copXCm() : Double.NaN;
            copYBefore = last != null ? last.copYCm() : Double.NaN;
        }
        if (!inSession && truth.onMat()) {
            inSession = true;
            sessionFrame = frame;
            sessionMicros = deviceTimeMicros;
            line.setLength(0);
            line.append("{\"kind\":\"session_start\",\"frame\":").append(frame);
            seconds(",\"t_s\":", deviceTimeMicros);
            emit();
        }
        if (!same) {
            open = true;
            startFrame = frame;
            startMicros = deviceTimeMicros;
            onMat = truth.onMat();
            posture = truth.posture();
            phase = truth.phase();
            coverageSum = 0;
            coverageFrames = 0;
        }
        if (Double.isFinite(truth.lumbarCoverage())) {
            coverageSum += truth.lumbarCoverage();
            coverageFrames++;
        }
        last = truth;
        lastFrame = frame;
        lastMicros = deviceTimeMicros;
    }

    /** Writes the open interval, shift and session as ended at the last recorded frame, and flushes. */
    public synchronized void finish() throws IOException {
        if (closed) {
            return;
        }
        if (open) {
            writeInterval();
        }
        if (inShift) {
            writeShift(-1, 0, null);
        }
        if (inSession) {
            writeSessionEnd();
        }
        last = null;
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            finish();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void writeInterval() throws IOException {
        span("interval", startFrame, startMicros);
        line.append(",\"on_mat\":").append(onMat).append(",\"posture\":");
        posture(posture);
        line.append(",\"phase\":");
        Json.string(line, phase);
        line.append(",\"lumbar_coverage\":");
        if (coverageFrames > 0) {
            line.append(String.format(Locale.ROOT, "%.3f", coverageSum / coverageFrames));
        } else {
            line.append("null");
        }
        emit();
        open = false;
    }

    /** Writes the shift that settled at {@code frame} (or was cut short when {@code settled} is null). */
    private void writeShift(long frame, long micros, FrameTruth settled) throws IOException {
        line.setLength(0);
        line.append("{\"kind\":\"shift\",\"frame\":").append(shiftFrame).append(",\"settled_frame\":");
        if (settled == null) {
            line.append("null");
        } else {
            line.append(frame);
        }
        seconds(",\"t_s\":", shiftMicros);
        line.append(",\"settled_s\":");
        if (settled == null) {
            line.append("null");
        } else {
            seconds("", micros);
        }
        Posture to = settled != null && settled.onMat() ? settled.posture() : null;
        line.append(",\"from\":");
        posture(shiftFrom);
        line.append(",\"to\":");
        posture(to);
        line.append(",\"posture_change\":").append(settled != null && shiftFrom != to);
        double cop = settled == null ? Double.NaN
                : Math.hypot(settled.copXCm() - copXBefore, settled.copYCm() - copYBefore);
        line.append(",\"cop_shift_cm\":");
        if (Double.isFinite(cop)) {
            line.append(String.format(Locale.ROOT, "%.2f", cop));
        } else {
            line.append("null");
        }
        line.append(",\"phase\":");
        Json.string(line, shiftPhase);
        emit();
        inShift = false;
    }

    private void writeSessionEnd() throws IOException {
        span("session_end", sessionFrame, sessionMicros);
        emit();
        inSession = false;
    }

    /** Starts a line of {@code kind} that spans from the given frame to the last one seen. */
    private void span(String kind, long fromFrame, long fromMicros) {
        line.setLength(0);
        line.append("{\"kind\":\"").append(kind).append("\",\"start_frame\":").append(fromFrame)
                .append(",\"end_frame\":").append(lastFrame);
        seconds(",\"start_s\":", fromMicros);
        seconds(",\"end_s\":", lastMicros);
    }

    private void posture(Posture p) {
        if (p == null) {
            line.append("null");
        } else {
            Json.string(line, p.label());
        }
    }

    private void seconds(String key, long micros) {
        line.append(key).append(String.format(Locale.ROOT, "%.3f", micros / 1e6));
    }

    private void emit() throws IOException {
        line.append("}\n");
        out.append(line);
    }
}
