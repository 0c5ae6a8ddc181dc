package dev.acumat.analytics.replay;

/**
 * The range and thinning of {@link FrameStore#read}, kept the same way by every store: of the
 * frames read in time order from shortly before the range on, those before {@code fromMs} go to
 * the visitor as not in range, those in it every {@code every}-th, and reading stops past
 * {@code toMs}. One per read.
 */
public final class FrameRange {
    private final long fromMs;
    private final long toMs;
    private final int every;
    private long inRange;

    public FrameRange(long fromMs, long toMs, int every) {
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.every = every;
    }

    /** Hands {@code frame} to the visitor when it is due; false when reading should stop (past the range, or the visitor says so). */
    public boolean offer(RecordedFrame frame, FrameVisitor visitor) {
        if (frame.timeMs() > toMs) {
            return false;
        }
        boolean in = frame.timeMs() >= fromMs;
        if (in && inRange++ % every != 0) {
            return true;
        }
        return visitor.frame(frame, in);
    }
}
