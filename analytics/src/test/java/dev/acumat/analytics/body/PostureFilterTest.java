package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Posture;
import org.junit.jupiter.api.Test;

class PostureFilterTest {
    private static final long FRAME = 40_000;  // 25 Hz
    private final PostureFilter filter = new PostureFilter();

    private static double[] evidence(Posture p, double confidence) {
        double[] out = new double[Posture.values().length];
        double rest = (1 - confidence) / (out.length - 2);
        for (Posture q : Posture.values()) {
            out[q.ordinal()] = q == Posture.UNKNOWN ? 0 : q == p ? confidence : rest;
        }
        return out;
    }

    private static Posture best(double[] p) {
        Posture best = Posture.UNKNOWN;
        for (Posture q : Posture.values()) {
            if (p[q.ordinal()] > (best == Posture.UNKNOWN ? 0 : p[best.ordinal()])) {
                best = q;
            }
        }
        return best;
    }

    private Posture feed(long t, Posture p, double confidence) {
        double[] e = evidence(p, confidence);
        filter.update(t, e);
        return best(e);
    }

    @Test
    void aFrameThatDisagreesForAnInstantDoesNotTurnThePerson() {
        long t = 0;
        for (int i = 0; i < 50; i++, t += FRAME) {
            assertThat(feed(t, Posture.SUPINE, 0.7)).isEqualTo(Posture.SUPINE);
        }
        assertThat(feed(t, Posture.LEFT, 0.9)).as("one frame of left, however sure").isEqualTo(Posture.SUPINE);
        t += FRAME;
        for (int i = 0; i < 25; i++, t += FRAME) {
            feed(t, Posture.SUPINE, 0.7);
        }
        for (int i = 0; i < 2; i++, t += FRAME) {
            assertThat(feed(t, Posture.LEFT, 0.6)).as("frame %d of a doubtful left", i).isEqualTo(Posture.SUPINE);
        }
        assertThat(feed(t, Posture.SUPINE, 0.6)).isEqualTo(Posture.SUPINE);
    }

    @Test
    void aPostureHeldForAMomentTakesOver() {
        long t = 0;
        for (int i = 0; i < 250; i++, t += FRAME) {
            feed(t, Posture.SUPINE, 0.8);
        }
        long turned = t;
        while (feed(t, Posture.RIGHT, 0.5) != Posture.RIGHT) {
            t += FRAME;
        }
        assertThat((t - turned) / 1e6).as("seconds until a doubtful new posture is believed").isBetween(0.04, 0.5);
    }

    @Test
    void afterAGapTheFrameIsBelievedAndAfterAResetItIsTakenAsItIs() {
        feed(0, Posture.SUPINE, 0.9);
        assertThat(feed(60_000_000, Posture.PRONE, 0.6)).as("a minute later, anything may have happened")
                .isEqualTo(Posture.PRONE);
        filter.reset();
        double[] e = evidence(Posture.LEFT, 0.4);
        double[] copy = e.clone();
        filter.update(60_040_000, e);
        assertThat(e).containsExactly(copy);
    }

    @Test
    void aRestoredFilterBelievesWhatTheSavedOneDid() {
        long t = 0;
        for (int i = 0; i < 30; i++, t += FRAME) {
            feed(t, i < 20 ? Posture.SUPINE : Posture.LEFT, 0.7);
        }
        PostureFilter restored = new PostureFilter(filter.state());
        double[] a = evidence(Posture.RIGHT, 0.6);
        double[] b = a.clone();
        filter.update(t, a);
        restored.update(t, b);
        assertThat(b).containsExactly(a);
        assertThat(new PostureFilter(PostureFilter.State.initial()).state()).isEqualTo(PostureFilter.State.initial());
    }
}
