package dev.acumat.simulator;

import dev.acumat.protocol.DeviceInfo;

/**
 * Where a simulated mat's frames come from: a synthetic scenario or a recording. The
 * simulator adds the sequence number, the clock and the wire framing.
 */
public interface FrameSource extends AutoCloseable {
    /** The mat's geometry, calibration and nominal rate, under the given id. */
    DeviceInfo deviceInfo(String matId);

    /** Fills {@code values} (rows x cols, row-major) with the next frame; false when there is none left. */
    boolean next(int[] values);

    /** What really happened in the frame last returned, or null when nobody knows (a recording). */
    FrameTruth truth();

    /** Starts again from the first frame, for {@code --loop}. */
    void rewind();

    /** Releases what the source holds open (a recording's file). */
    @Override
    default void close() {
    }
}
