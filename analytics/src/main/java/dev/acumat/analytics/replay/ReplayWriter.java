package dev.acumat.analytics.replay;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.ReplayHeader;
import java.io.IOException;
import java.io.Writer;
import java.util.function.Function;

/**
 * Writes recorded frames in the replay format (simulator/SIMULATOR.md), with the {@link ReplayHeader}
 * comment first (from the mat's device-info), so that {@code acumat analyze} and
 * {@code acumat simulate --replay} take the file back as it is. A frame is a line of raw counts
 * separated by tabs, row-major, as the mat sent it: row 0 at the head end, unless the mat has a
 * cell order of its own, which the header then carries. Each frame line follows a comment line
 * with the frame's sequence number, device time and wall-clock time ({@link ReplayHeader#FRAME_TIMES_MARK}),
 * which readers of the plain format skip. Frames of another geometry than the header's (the mat
 * changed mid-way) are left out and counted.
 */
public final class ReplayWriter extends FirstGeometryExport {
    /** A mat that does not say its rate is taken at the scenarios' rate. */
    static final double DEFAULT_HZ = 25;

    private final Writer out;

    public ReplayWriter(Writer out, String sessionId) {
        this(out, sessionId, CellOrder.NONE);
    }

    /** A writer of the frames of a mat whose cells are in {@code order}. */
    public ReplayWriter(Writer out, String sessionId, CellOrder order) {
        this(out, sessionId, order, null);
    }

    /**
     * A writer of the frames of a mat whose cells are in {@code order} until it states its own in a
     * mat_layout message, whose order {@code stated} gives (e.g. the settings' when they name one).
     */
    public ReplayWriter(Writer out, String sessionId, CellOrder order, Function<MatLayout, CellOrder> stated) {
        super(sessionId, order, stated);
        this.out = out;
    }

    @Override
    protected void begin(DeviceInfo info, String sessionId, CellOrder order, RecordedFrame first) throws IOException {
        double hz = info.nominalRateHz() > 0 ? info.nominalRateHz() : DEFAULT_HZ;
        out.write(ReplayHeader.of(info, hz, sessionId, first.timeMs(), order).line());
        out.write(" " + ReplayHeader.FRAME_TIMES_KEY + "=1\n");
    }

    @Override
    protected void write(RecordedFrame frame) throws IOException {
        PressureFrame f = frame.frame();
        StringBuilder line = new StringBuilder(f.cells() * 4 + 48);
        line.append(ReplayHeader.FRAME_TIMES_MARK).append(' ').append(f.sequence()).append(' ')
                .append(f.deviceTimeMicros()).append(' ').append(frame.timeMicros()).append('\n');
        for (int i = 0; i < f.cells(); i++) {
            line.append(i > 0 ? "\t" : "").append(f.valueAt(i));
        }
        out.write(line.append('\n').toString());
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
