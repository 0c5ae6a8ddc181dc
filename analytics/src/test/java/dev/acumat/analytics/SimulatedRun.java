package dev.acumat.analytics;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.simulator.FrameTruth;
import dev.acumat.simulator.synthetic.SyntheticMat;

/**
 * A synthetic mat's scenario through a fresh {@link MatAnalyzer}, a frame every 1/{@code hz}
 * second from time 0: the sessions it found, and the simulator's truth of when the person got on
 * the mat and first got off it again, to hold them against.
 */
public final class SimulatedRun extends AnalyzerEvents {
    /** The analyzer, after the last frame. */
    public final MatAnalyzer analyzer;
    /** The first frame with the person on the mat, epoch-free microseconds; -1 when there is none. */
    public final long onMicros;
    /** The first frame after that without them; -1 when there is none. */
    public final long offMicros;

    /** Runs all of {@code mat}'s frames; the analyzer is not finished (see {@link #finish()}). */
    public SimulatedRun(SyntheticMat mat, int hz) {
        analyzer = new MatAnalyzer(MatSpec.of(mat.deviceInfo("sim")));
        int[] raw = new int[analyzer.spec().cells()];
        long on = -1;
        long off = -1;
        for (long i = 0; mat.next(raw); i++) {
            long t = Math.round(i * 1e6 / hz);
            FrameTruth truth = mat.truth();
            if (truth.onMat() && on < 0) {
                on = t;
            } else if (!truth.onMat() && on >= 0 && off < 0) {
                off = t;
            }
            take(analyzer.analyze(t, raw).events());
        }
        onMicros = on;
        offMicros = off;
    }

    /** Ends the run as the stream's end would: a session still open ends. */
    public SimulatedRun finish() {
        take(analyzer.finish());
        return this;
    }

    /** {@link #onMicros} in seconds; -1 when there is none. */
    public double onSeconds() {
        return onMicros < 0 ? -1 : onMicros / 1e6;
    }

    /** {@link #offMicros} in seconds; -1 when there is none. */
    public double offSeconds() {
        return offMicros < 0 ? -1 : offMicros / 1e6;
    }
}
