package dev.acumat.analytics.web;

import dev.acumat.analytics.replay.FrameVisitor;
import dev.acumat.analytics.replay.RecordedFrame;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;

/** Passes at most {@code max} frames in range on, and says where the rest would start. */
final class Bounded implements FrameVisitor {
    private final FrameVisitor next;
    private final int max;
    private int frames;
    private long nextFromMs = -1;

    Bounded(FrameVisitor next, int max) {
        this.next = next;
        this.max = max;
    }

    @Override
    public void info(DeviceInfo info) {
        next.info(info);
    }

    @Override
    public void layout(MatLayout layout) {
        next.layout(layout);
    }

    @Override
    public boolean frame(RecordedFrame frame, boolean inRange) {
        if (inRange && frames++ >= max) {
            nextFromMs = frame.timeMs();
            return false;
        }
        return next.frame(frame, inRange);
    }

    boolean more() {
        return nextFromMs >= 0;
    }

    long nextFromMs() {
        return nextFromMs;
    }
}
