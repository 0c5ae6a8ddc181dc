package dev.acumat.analytics.replay;

import dev.acumat.protocol.DeviceInfo;

/** What a reader of recorded frames hands its frames to, in the mat's order. */
public interface FrameVisitor {
    /** The mat's device-info: before its first frame, and again whenever it changes. */
    void info(DeviceInfo info);

    /**
     * A frame. {@code inRange} is false for the frames shortly before the range asked for, which
     * come first so that an analysis can learn the empty mat and the running session.
     *
     * @return false to stop reading
     */
    boolean frame(RecordedFrame frame, boolean inRange);
}
