package dev.acumat.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.session.SessionSummary;
import dev.acumat.protocol.MatKind;
import dev.acumat.contract.Posture;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 16 x 16 lumbar pad at 25 mm under the simulator's person (MatGeometry.LUMBAR_PAD): the whole
 * pad is the lower back, no posture is asked, and sessions begin and end on its small area.
 * The figures are docs/ANALYTICS.md's.
 */
class LumbarPadTest {
    private static final int HZ = 10;

    /** What the analyzer made of a scenario on the pad, and the simulator's truth. */
    private static final class Run extends AnalyzerEvents {
        final List<String> postures = new ArrayList<>();
        final List<Double> coverages = new ArrayList<>();
        double truthOnSeconds;
        double truthLyingSeconds;

        Run(String scenario, MatKind kind) {
            SyntheticMat mat = Scenarios.create(scenario, HZ, 1, MatGeometry.LUMBAR_PAD);
            MatSpec spec = MatSpec.of(mat.deviceInfo("pad-1"));
            assertThat(spec.rows() * spec.rowPitchCm() * spec.cols() * spec.colPitchCm()).isEqualTo(1600, offset(1e-6));
            MatAnalyzer analyzer = new MatAnalyzer(spec, dev.acumat.analytics.body.PostureModel.shippedFor(spec), kind);
            int[] values = new int[spec.cells()];
            long step = 1_000_000 / HZ;
            for (long t = 0; mat.next(values); t += step) {
                MatAnalyzer.FrameResult r = analyzer.analyze(t, values);
                truthOnSeconds += mat.truth().onMat() ? 1.0 / HZ : 0;
                truthLyingSeconds += mat.truth().onMat() && mat.truth().posture() != null
                        && mat.truth().posture() == Posture.SUPINE ? 1.0 / HZ : 0;
                if (r.onMat()) {
                    postures.add(MatAnalyzer.postureLabel(r));
                    coverages.add(r.lowerBackCoverage());
                }
                take(r.events());
            }
            take(analyzer.finish());
        }

        long postureChanges() {
            return shifts.stream().filter(s -> s.shift().from() != s.shift().to()).count();
        }

        List<Double> shiftSeconds() {
            return shifts.stream().map(s -> s.shift().timeMicros() / 1e6).toList();
        }
    }

    @Test
    void aPersonLyingOnThePadGetsASessionWithLowerBackTimeAndNoPosture() {
        Run run = new Run("on-off", MatKind.LUMBAR_PAD);
        assertThat(run.sessions).hasSize(1);
        SessionSummary s = run.sessions.get(0);
        double duration = (s.endMicros() - s.startMicros()) / 1e6;
        assertThat(duration).as("session vs time on the pad").isCloseTo(run.truthOnSeconds, offset(2.0));
        assertThat(s.lowerBackTimeS()).as("lower-back time vs time on the pad").isCloseTo(run.truthOnSeconds, offset(2.5));
        assertThat(s.lowerBackTimeS()).isGreaterThan(run.truthLyingSeconds);
        assertThat(s.coverageMean()).isGreaterThan(0.2);
        // Every frame with a body on the pad has a coverage; the last second before the mat reads
        // empty (the off debounce) has none.
        assertThat(run.coverages.stream().filter(c -> c != null)).allSatisfy(c -> assertThat(c).isGreaterThan(0.0));
        assertThat(run.coverages.stream().filter(c -> c != null).count()).isGreaterThan(run.coverages.size() * 9 / 10);
        assertThat(run.postures).as("no posture on a lumbar pad").containsOnlyNulls();
        assertThat(s.postureTimeS()).isEmpty();
        assertThat(s.postureShifts()).isEqualTo(run.shifts.size());
        assertThat(run.postureChanges()).as("shifts are moves of the back on the pad, never posture changes").isZero();
        System.out.printf("lumbar pad, on-off: on the pad %.1f s (lying %.1f s), session %.1f s, lower back %.1f s,"
                + " mean coverage %.3f, highest %.3f, shifts at %s s%n", run.truthOnSeconds, run.truthLyingSeconds, duration,
                s.lowerBackTimeS(), s.coverageMean(),
                run.coverages.stream().filter(c -> c != null).mapToDouble(Double::doubleValue).max().orElse(0), run.shiftSeconds());
    }

    @Test
    void nobodyOnThePadGetsNoSession() {
        Run run = new Run("empty", MatKind.LUMBAR_PAD);
        assertThat(run.sessions).isEmpty();
        assertThat(run.truthOnSeconds).isZero();
    }

    /** A person already lying on the pad when the analysis starts: no empty pad to learn first. */
    @Test
    void aPersonOnThePadFromTheFirstFrameGetsASession() {
        Run run = new Run("still", MatKind.LUMBAR_PAD);
        assertThat(run.sessions).hasSize(1);
        assertThat(run.sessions.get(0).lowerBackTimeS()).isGreaterThan(0.8 * run.truthOnSeconds);
    }

    /** The same pad read as a torso mat: the method that needs shoulders and pelvis asks a posture. */
    @Test
    void withoutTheLayoutThePadIsAskedForAPosture() {
        Run run = new Run("on-off", MatKind.NOT_STATED);
        assertThat(run.postures).doesNotContainNull();
    }
}
