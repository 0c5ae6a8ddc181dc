package dev.acumat.analytics.replay;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;

/** What a reader of recorded frames hands its frames to, in the mat's order. */
public interface FrameVisitor {
    /** The mat's device-info: before its first frame, and again whenever it changes. */
    void info(DeviceInfo info);

    /** The mat's own mat_layout (its cell order and kind), after the device-info it follows, when it changes. */
    default void layout(MatLayout layout) {
    }

    /**
     * A frame. {@code inRange} is false for the frames shortly before the range asked for, which
     * come first so that an analysis can learn the empty mat and the running session.
     *
     * @return false to stop reading
     */
    boolean frame(RecordedFrame frame, boolean inRange);
}
