package dev.acumat.analytics.replay;

import java.io.IOException;

/** A writer of exported frames in one of the export formats ({@link ReplayWriter}, {@link NpzWriter}). */
public interface FrameExport extends FrameVisitor {
    /** Completes the output once every frame has been handed over. */
    void finish() throws IOException;

    /** Frames written. */
    long frames();

    /** Frames left out for another geometry than the first frame's. */
    long skipped();
}
