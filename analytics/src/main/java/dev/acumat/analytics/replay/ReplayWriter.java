package dev.acumat.analytics.replay;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.ReplayHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Function;

/**
 * Writes recorded frames in the replay format (firmware-protocol/SIMULATOR.md), with the {@link ReplayHeader}
 * comment first (from the mat's device-info), so that {@code acumat analyze} and
 * {@code acumat simulate --replay} take the file back as it is. A frame is a line of raw counts
 * separated by tabs, row-major, as the mat sent it: row 0 at the head end, unless the mat has a
 * cell order of its own, which the header then carries. Each frame line follows a comment line
 * with the frame's sequence number, device time and wall-clock time ({@link ReplayHeader#FRAME_TIMES_MARK}),
 * which readers of the plain format skip. Frames of another geometry than the header's (the mat
 * changed mid-way) are left out and counted.
 */
public final class ReplayWriter implements FrameExport {
    /** A mat that does not say its rate is taken at the scenarios' rate. */
    static final double DEFAULT_HZ = 25;

    private final Writer out;
    private final String sessionId;
    private CellOrder order;
    /** The order for the mat's own mat_layout (the settings may win over it), or null: the order given holds. */
    private final Function<MatLayout, CellOrder> stated;
    private ReplayHeader header;
    private long frames;
    private long skipped;
    private DeviceInfo pending;

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
        this.out = out;
        this.sessionId = sessionId;
        this.order = order;
        this.stated = stated;
    }

    @Override
    public void layout(MatLayout layout) {
        if (header == null && stated != null) {
            order = stated.apply(layout);
        }
    }

    @Override
    public void info(DeviceInfo info) {
        if (header == null) {
            pending = info;
        }
    }

    @Override
    public boolean frame(RecordedFrame frame, boolean inRange) {
        if (!inRange) {
            return true;
        }
        PressureFrame f = frame.frame();
        try {
            if (header == null) {
                if (pending == null) {
                    return true;
                }
                double hz = pending.nominalRateHz() > 0 ? pending.nominalRateHz() : DEFAULT_HZ;
                header = ReplayHeader.of(pending, hz, sessionId, frame.timeMs(), order);
                out.write(header.line());
                out.write(" " + ReplayHeader.FRAME_TIMES_KEY + "=1\n");
            }
            if (f.rows() != header.rows() || f.cols() != header.cols()) {
                skipped++;
                return true;
            }
            StringBuilder line = new StringBuilder(f.cells() * 4 + 48);
            line.append(ReplayHeader.FRAME_TIMES_MARK).append(' ').append(f.sequence()).append(' ')
                    .append(f.deviceTimeMicros()).append(' ').append(frame.timeMicros()).append('\n');
            for (int i = 0; i < f.cells(); i++) {
                line.append(i > 0 ? "\t" : "").append(f.valueAt(i));
            }
            out.write(line.append('\n').toString());
            frames++;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public long frames() {
        return frames;
    }

    @Override
    public long skipped() {
        return skipped;
    }
}
