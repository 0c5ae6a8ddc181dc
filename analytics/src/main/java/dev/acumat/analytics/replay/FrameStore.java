package dev.acumat.analytics.replay;

/** Where recorded frames are read back from: Kafka's {@code acumat.frames}, or a test's list. */
public interface FrameStore {
    /**
     * Hands the frames of {@code mat} with times in [{@code fromMs}, {@code toMs}] to the
     * visitor, every {@code every}-th one, after the device-info and up to
     * {@link KafkaFrameStore#LOOKBACK_MS} of frames before the range. Frames no longer kept
     * (past the topic's retention) are simply not there.
     */
    void read(String mat, long fromMs, long toMs, int every, FrameVisitor visitor);
}
