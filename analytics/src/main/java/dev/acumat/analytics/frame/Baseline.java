package dev.acumat.analytics.frame;

import java.util.Arrays;

/**
 * What each cell reads with nobody on the mat, followed while the mat is empty so that a
 * slowly drifting sensor does not turn into contact, and whatever load the empty mat carries
 * (a topper, stuck cells, a pillow) is not taken for a person. While someone is on the mat it
 * is held still: their pressure is not drift.
 */
public final class Baseline {
    /** Each empty frame moves the baseline this share of the way: a time constant of ~50 frames. */
    static final float RATE = 0.02f;

    private final float[] raw;
    private boolean seeded;
    /** Moves on whenever the values change, so that what is derived from them can be kept until then. */
    private long generation;

    public Baseline(int cells) {
        this.raw = new float[cells];
    }

    /** Restores a saved baseline (from {@link #values()}). */
    public Baseline(float[] saved, boolean seeded) {
        this.raw = saved.clone();
        this.seeded = seeded;
    }

    /** Follows an empty frame: the first one sets the baseline, later ones nudge it by {@link #RATE}. */
    public void followEmpty(int[] frameRaw) {
        follow(frameRaw, RATE);
    }

    /** Follows an empty frame by {@code rate} (0..1) of the way: the first one sets the baseline. */
    public void follow(int[] frameRaw, float rate) {
        if (!seeded) {
            set(frameRaw);
            return;
        }
        for (int i = 0; i < raw.length; i++) {
            raw[i] += rate * (frameRaw[i] - raw[i]);
        }
        generation++;
    }

    /** Takes this frame as the empty mat, whatever was before. */
    public void set(int[] frameRaw) {
        for (int i = 0; i < raw.length; i++) {
            raw[i] = frameRaw[i];
        }
        seeded = true;
        generation++;
    }

    /** Every cell at {@code value}: a level for a mat never seen empty (see its use in MatAnalyzer). */
    public void level(float value) {
        java.util.Arrays.fill(raw, value);
        generation++;
    }

    /** Changes whenever the values do (it only ever grows). */
    public long generation() {
        return generation;
    }

    /** The cell's baseline in raw counts, 0 until the first empty frame. */
    public float at(int cell) {
        return raw[cell];
    }

    public boolean seeded() {
        return seeded;
    }

    public float[] values() {
        return raw.clone();
    }

    public int cells() {
        return raw.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline b && seeded == b.seeded && Arrays.equals(raw, b.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw) * 31 + Boolean.hashCode(seeded);
    }
}
