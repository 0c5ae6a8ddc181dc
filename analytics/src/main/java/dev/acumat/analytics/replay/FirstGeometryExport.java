package dev.acumat.analytics.replay;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.PressureFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * What every export format shares: it starts at the first frame in range after the mat's
 * device-info, with the cell order the mat stated (or the settings give), and keeps that
 * frame's geometry; frames of another geometry (the mat changed mid-way) are left out and
 * counted. A format says how it starts ({@link #begin}) and writes a frame ({@link #write}).
 */
public abstract class FirstGeometryExport implements FrameExport {
    private final String sessionId;
    private CellOrder order;
    /** The order for the mat's own mat_layout (the settings may win over it), or null: the order given holds. */
    private final Function<MatLayout, CellOrder> stated;
    private DeviceInfo pending;
    private DeviceInfo info;
    private long frames;
    private long skipped;

    /**
     * @param sessionId the session's id, or null for a time range
     * @param order     the mat's cell order until it states its own
     * @param stated    the order for the mat's own mat_layout, or null to keep {@code order}
     */
    protected FirstGeometryExport(String sessionId, CellOrder order, Function<MatLayout, CellOrder> stated) {
        this.sessionId = sessionId;
        this.order = order;
        this.stated = stated;
    }

    /** Starts the output: {@code info} is the mat's, {@code first} the first frame that will be written. */
    protected abstract void begin(DeviceInfo info, String sessionId, CellOrder order, RecordedFrame first)
            throws IOException;

    /** Writes a frame of the first frame's geometry. */
    protected abstract void write(RecordedFrame frame) throws IOException;

    @Override
    public final void layout(MatLayout layout) {
        if (info == null && stated != null) {
            order = stated.apply(layout);
        }
    }

    @Override
    public final void info(DeviceInfo info) {
        if (this.info == null) {
            pending = info;
        }
    }

    @Override
    public final boolean frame(RecordedFrame frame, boolean inRange) {
        if (!inRange) {
            return true;
        }
        PressureFrame f = frame.frame();
        try {
            if (info == null) {
                if (pending == null) {
                    return true;
                }
                info = pending;
                begin(info, sessionId, order, frame);
            }
            if (f.rows() != info.rows() || f.cols() != info.cols()) {
                skipped++;
                return true;
            }
            write(frame);
            frames++;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the output has begun (a frame came after the device-info). */
    protected final boolean begun() {
        return info != null;
    }

    @Override
    public final long frames() {
        return frames;
    }

    @Override
    public final long skipped() {
        return skipped;
    }
}
