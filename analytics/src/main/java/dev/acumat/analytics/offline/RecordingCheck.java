package dev.acumat.analytics.offline;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.session.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a recording looks like what it was said to be, from what its analysis saw. A grid
 * given with rows and columns swapped, or a pitch in the wrong unit, is accepted by every
 * parser and gives answers that look like answers (a person "standing" for a minute, no
 * session at all); these checks turn such a mistake into a warning that names the option.
 *
 * <ul>
 *   <li>The mat's size: a longer side under {@value #MIN_MAT_CM} cm or over {@value #MAX_MAT_CM}
 *       cm is no mat a person lies on.</li>
 *   <li>The row length: the mean frame, read row after row, resembles itself best one row
 *       further on (a body is smooth across rows); when it resembles itself better at another
 *       distance, the file's rows are that long, not as long as said.</li>
 *   <li>Noise: more than {@value #MAX_NOISE_SHARE} of the frames set aside as sensor noise
 *       (a grid read the wrong way looks like noise).</li>
 *   <li>Nobody, ever: frames with much of the mat in contact, yet no session.</li>
 * </ul>
 */
public final class RecordingCheck {
    static final double MIN_MAT_CM = 20;
    static final double MAX_MAT_CM = 500;
    static final double MAX_NOISE_SHARE = 0.25;
    /** A frame with this share of the mat in contact has something on it. */
    static final double CONTACT_RATIO = 0.1;
    /** How much better another row length must fit before it is worth a warning. */
    static final double PERIOD_MARGIN = 0.05;
    static final double PERIOD_MIN_FIT = 0.3;
    private static final int MIN_LAG = 4;

    private final MatSpec spec;
    private final String rowsAndCols;
    private final double[] sum;
    private long frames;
    private long invalid;
    private long contactFrames;
    private boolean session;

    /**
     * @param spec        the mat as analysed (the canonical grid)
     * @param rowsAndCols the options that gave its grid, as the warnings should name them
     */
    public RecordingCheck(MatSpec spec, String rowsAndCols) {
        this.spec = spec;
        this.rowsAndCols = rowsAndCols;
        this.sum = new double[spec.cells()];
    }

    /** Takes one frame's raw counts (canonical order) and what the analyzer made of it. */
    public void add(int[] raw, MatAnalyzer.FrameResult r) {
        frames++;
        if (!r.valid()) {
            invalid++;
            return;
        }
        for (SessionEvent e : r.events()) {
            session |= e instanceof SessionEvent.Started;
        }
        if (r.contact().contactRatio() >= CONTACT_RATIO) {
            contactFrames++;
            for (int i = 0; i < raw.length; i++) {
                sum[i] += raw[i];
            }
        }
    }

    /** Warnings about the mat's size alone: known before any frame is read. */
    public static List<String> sizeWarnings(MatSpec spec, String pitchOption) {
        double along = spec.rows() * spec.rowPitchCm();
        double across = spec.cols() * spec.colPitchCm();
        double longer = Math.max(along, across);
        if (longer < MIN_MAT_CM || longer > MAX_MAT_CM) {
            return List.of(String.format(Locale.ROOT, "a %d x %d mat at %s is %.0f x %.0f cm, no mat a person lies on:"
                    + " %s is the distance between sensor centres in millimetres", spec.rows(), spec.cols(),
                    pitchText(spec), along, across, pitchOption));
        }
        return List.of();
    }

    /** What looked wrong, a line each; empty when nothing did. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (frames > 0 && invalid > MAX_NOISE_SHARE * frames) {
            out.add(String.format(Locale.ROOT, "%d of %d frames read as sensor noise: are %s right? A grid read"
                    + " with the wrong row length looks like noise", invalid, frames, rowsAndCols));
        }
        int period = period();
        if (period > 0) {
            out.add(String.format(Locale.ROOT, "the frames' values repeat every %d values, not every %d as the"
                    + " grid of %d x %d says: are %s right (a frame is read row after row)?", period, spec.cols(),
                    spec.rows(), spec.cols(), rowsAndCols));
        }
        if (!session && contactFrames > 0) {
            out.add(String.format(Locale.ROOT, "%d frames had a tenth of the mat or more in contact, yet no one was"
                    + " on it in any: is the pitch right (a person lying covers 1,000 cm2 or more)?", contactFrames));
        }
        return out;
    }

    /** The row length the mean frame fits much better than the grid's, or 0 (see the class description). */
    private int period() {
        if (contactFrames == 0 || sum.length < 4 * MIN_LAG) {
            return 0;
        }
        int cols = spec.cols();
        double atCols = similarity(cols);
        int best = 0;
        double bestFit = Double.NEGATIVE_INFINITY;
        for (int lag = MIN_LAG; lag <= sum.length / 2; lag++) {
            double fit = similarity(lag);
            if (fit > bestFit) {
                bestFit = fit;
                best = lag;
            }
        }
        return Math.abs(best - cols) > 1 && bestFit >= PERIOD_MIN_FIT && bestFit > atCols + PERIOD_MARGIN ? best : 0;
    }

    /** The correlation of the mean frame's values with the values {@code lag} further on. */
    private double similarity(int lag) {
        int n = sum.length - lag;
        if (n < 2) {
            return 0;
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += sum[i];
            mb += sum[i + lag];
        }
        ma /= n;
        mb /= n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            double x = sum[i] - ma;
            double y = sum[i + lag] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
    }

    private static String pitchText(MatSpec spec) {
        double r = spec.rowPitchCm() * 10;
        double c = spec.colPitchCm() * 10;
        return r == c ? String.format(Locale.ROOT, "%.3g mm", r) : String.format(Locale.ROOT, "%.3g x %.3g mm", r, c);
    }
}
