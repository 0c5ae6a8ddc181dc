package dev.acumat.analytics.body;

import dev.acumat.contract.Posture;
import java.util.Arrays;

/**
 * Steadies the per-frame posture over time: a forward filter (a hidden Markov model) that
 * treats each frame's posture probabilities as evidence and lets the posture change with a
 * probability that grows with the time since the last frame, {@code 1 - exp(-dt / tau)}.
 * A frame that disagrees with the ones before it for an instant moves the answer little; a
 * posture held for a second or two takes over. Without it a still person on a 30 degree
 * wedge, whom the classifier calls supine in one frame and left in the next, would read as
 * a string of posture shifts. A frame without a body starts it afresh.
 */
public final class PostureFilter {
    /** Time constant of a change of posture: about how long a new posture takes to be believed. */
    public static final double TAU_S = 2.0;
    private static final int N = Posture.values().length;

    private final double[] belief = new double[N];
    private long lastMicros;
    private boolean started;

    public PostureFilter() {
    }

    /** Restores a saved {@link #state()}. */
    public PostureFilter(State s) {
        if (s.belief() != null) {
            System.arraycopy(s.belief(), 0, belief, 0, N);
            lastMicros = s.lastMicros();
            started = true;
        }
    }

    /**
     * Takes a frame's probabilities (by {@link Posture#ordinal()}, UNKNOWN's 0) and overwrites
     * them with the filtered ones.
     */
    void update(long timeMicros, double[] p) {
        if (!started || timeMicros < lastMicros) {
            System.arraycopy(p, 0, belief, 0, N);
        } else {
            double dt = (timeMicros - lastMicros) / 1e6;
            double change = 1 - Math.exp(-dt / TAU_S);
            double sum = 0;
            for (int k = 0; k < N; k++) {
                if (k == Posture.UNKNOWN.ordinal()) {
                    continue;
                }
                double prior = (1 - change) * belief[k] + change / (N - 1);
                belief[k] = prior * Math.max(p[k], 1e-9);
                sum += belief[k];
            }
            for (int k = 0; k < N; k++) {
                belief[k] = k == Posture.UNKNOWN.ordinal() ? 0 : belief[k] / sum;
            }
        }
        started = true;
        lastMicros = timeMicros;
        System.arraycopy(belief, 0, p, 0, N);
    }

    /** Forgets what it believed: nobody is on the mat. */
    void reset() {
        started = false;
    }

    public State state() {
        return new State(started ? belief.clone() : null, lastMicros);
    }

    /** What a restarted filter needs; {@code belief} is null when it has nothing to go on. */
    public record State(double[] belief, long lastMicros) {
        public State {
            if (belief != null && belief.length != N) {
                throw new IllegalArgumentException("a posture belief has " + N + " entries");
            }
            belief = belief == null ? null : belief.clone();
        }

        /** A filter that has seen nothing. */
        public static State initial() {
            return new State(null, 0);
        }

        @Override
        public double[] belief() {
            return belief == null ? null : belief.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && lastMicros == s.lastMicros && Arrays.equals(belief, s.belief);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(belief) * 31 + Long.hashCode(lastMicros);
        }
    }
}
