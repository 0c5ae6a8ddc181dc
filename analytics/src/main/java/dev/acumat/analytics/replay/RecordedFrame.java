package dev.acumat.analytics.replay;

import dev.acumat.protocol.PressureFrame;

/** A pressure frame as it was recorded, with its time (clock anchor plus device time). */
public record RecordedFrame(long timeMicros, PressureFrame frame) {
    public long timeMs() {
        return Math.floorDiv(timeMicros, 1000L);
    }
}
