package dev.acumat.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.acumat.analytics.body.BodyReading;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.offline.LabelledRecordings;
import dev.acumat.analytics.session.SessionSummary;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SensorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A mat that is not empty when nobody is on it, and frames that are not pressure: real PMD
 * recordings from the repository's data/ (their frame 0 is the bed before the person lay
 * down, frame 1 a scan gone wrong) and the simulator's stuck cells and topper.
 */
class MatAnalyzerRealMatTest {
    private static final Path LABELS = Path.of("..", "data", "posture-labels.csv");
    private static final long SECOND = 1_000_000;

    /** A PMD experiment I recording of data/: frame 0 the empty bed, frame 1 noise, then the person. */
    private static LabelledRecordings.Frames recording(String file) throws IOException {
        for (LabelledRecordings.Label l : LabelledRecordings.read(LABELS).labels()) {
            if (l.file().endsWith(Path.of(file))) {
                return LabelledRecordings.frames(l);
            }
        }
        throw new AssertionError(file + " is not in " + LABELS);
    }

    /** What the analyzer made of a run of frames, one a second. */
    private static final class Run extends AnalyzerEvents {
        final MatAnalyzer analyzer;
        final List<MatAnalyzer.FrameResult> results = new ArrayList<>();

        Run(MatSpec spec, List<int[]> frames, long stepMicros) {
            analyzer = new MatAnalyzer(spec);
            for (int i = 0; i < frames.size(); i++) {
                MatAnalyzer.FrameResult r = analyzer.analyze(i * stepMicros, frames.get(i));
                results.add(r);
                take(r.events());
            }
            take(analyzer.finish());
        }
    }

    private static List<int[]> repeat(int[] frame, int times) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(frame);
        }
        return out;
    }

    private static List<int[]> person(LabelledRecordings.Frames f) {
        return f.frames().subList(2, f.frames().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pmd-exp1/S2/1.txt.gz", "pmd-exp1/S3/5.txt.gz", "pmd-exp1/S4/12.txt.gz"})
    void theEmptyBedLeftAfterThePersonEndsTheSessionWhenTheyGotOff(String file) throws IOException {
        LabelledRecordings.Frames f = recording(file);
        List<int[]> person = person(f);
        List<int[]> frames = new ArrayList<>(person);
        frames.addAll(repeat(f.frames().get(0), 60));

        Run run = new Run(f.spec(), frames, SECOND);

        assertThat(run.sessions).hasSize(1);
        SessionSummary s = run.sessions.get(0);
        assertThat(s.startMicros()).isZero();
        assertThat(s.endMicros() / 1e6).as("end, s").isCloseTo(person.size(), offset(1.0));
        assertThat(s.endReason()).isEqualTo("got-off");
        assertThat(run.results.get(frames.size() - 1).onMat()).isFalse();
        assertThat(MatAnalyzer.postureLabel(run.results.get(frames.size() - 1))).isEqualTo("unknown");
    }

    @Test
    void aMatThatCarriesLoadBeforeAndAfterThePersonHasOneSessionOfThePersonsTime() throws IOException {
        LabelledRecordings.Frames f = recording("pmd-exp1/S2/1.txt.gz");
        int[] empty = f.frames().get(0);
        List<int[]> person = person(f);
        List<int[]> frames = new ArrayList<>(repeat(empty, 60));
        frames.addAll(person);
        frames.addAll(repeat(empty, 60));

        Run run = new Run(f.spec(), frames, SECOND);

        assertThat(run.sessions).hasSize(1);
        assertThat(run.sessions.get(0).startMicros() / 1e6).isCloseTo(60, offset(1.0));
        assertThat(run.sessions.get(0).endMicros() / 1e6).isCloseTo(60 + person.size(), offset(1.0));
        assertThat(run.results.subList(0, 59)).noneMatch(MatAnalyzer.FrameResult::onMat);
    }

    @Test
    void aFrameOfSensorNoiseIsCountedAndSkippedNeitherABodyNorALift() throws IOException {
        LabelledRecordings.Frames f = recording("pmd-exp1/S3/1.txt.gz");
        int[] noise = f.frames().get(1);
        List<int[]> person = person(f);
        List<int[]> frames = new ArrayList<>(repeat(f.frames().get(0), 5));
        frames.addAll(person.subList(0, 10));
        frames.add(noise);
        frames.addAll(person.subList(10, person.size()));

        Run run = new Run(f.spec(), frames, SECOND);

        MatAnalyzer.FrameResult skipped = run.results.get(15);
        assertThat(skipped.valid()).isFalse();
        assertThat(skipped.body()).isEqualTo(BodyReading.NOBODY);
        assertThat(skipped.onMat()).as("still on the mat").isTrue();
        assertThat(skipped.events()).isEmpty();
        assertThat(run.analyzer.invalidFrames()).isEqualTo(1);
        assertThat(run.results).filteredOn(r -> !r.valid()).hasSize(1);
        assertThat(run.sessions).hasSize(1);
        assertThat(run.shifts).isEmpty();
        assertThat(run.sessions.get(0).endMicros() / 1e6).isCloseTo(frames.size() - 1, offset(1.0));
    }

    @Test
    void aPersonLyingStillForTwentyMinutesIsNotTakenForTheEmptyMat() throws IOException {
        LabelledRecordings.Frames f = recording("pmd-exp1/S4/1.txt.gz");
        int[] still = f.frames().get(5);
        List<int[]> frames = new ArrayList<>(repeat(f.frames().get(0), 30));
        frames.addAll(repeat(still, 20 * 60 * 4));
        frames.addAll(repeat(f.frames().get(0), 30));

        Run run = new Run(f.spec(), frames, SECOND / 4);

        assertThat(run.sessions).hasSize(1);
        assertThat(run.sessions.get(0).durationS()).isCloseTo(20 * 60, offset(1.0));
        double first = run.results.get(31).body().bodyAreaCm2();
        double last = run.results.get(30 + 20 * 60 * 4 - 1).body().bodyAreaCm2();
        assertThat(last).as("the body's area after 20 minutes, cm2").isCloseTo(first, offset(0.01 * first));
        assertThat(run.sessions.get(0).postureShifts()).isZero();
    }

    @Test
    void aPersonOnAMatNeverSeenEmptyIsStillAPersonAndTheirFramesReadAboveTheFloor() throws IOException {
        LabelledRecordings.Frames f = recording("pmd-exp1/S1/1.txt.gz");
        List<int[]> person = person(f);

        Run run = new Run(f.spec(), person, SECOND);

        assertThat(run.results.get(1).onMat()).isTrue();
        assertThat(run.sessions).hasSize(1);
        assertThat(run.sessions.get(0).startMicros()).isZero();
    }

    @ParameterizedTest(name = "{0} mat, {1} of the cells stuck, a {2} kPa topper")
    @CsvSource({"ACUPRESSURE, 0.01, 0.6", "BED, 0.01, 0.6", "ACUPRESSURE, 0.2, 0", "BED, 0.02, 1.0"})
    void stuckCellsAndATopperBecomeTheBaselineAndTheSessionIsThePersonsTime(String mat, double stuck, double topper) {
        MatGeometry geometry = mat.equals("BED") ? MatGeometry.BED : MatGeometry.ACUPRESSURE;
        SensorModel sensor = SensorModel.DEFAULT.withStuckCells(stuck).withTopper(topper);
        SimulatedRun run = new SimulatedRun(Scenarios.create("on-off", 25, 3, geometry, Body.DEFAULT, sensor), 25);
        List<SessionSummary> sessions = run.sessions;
        assertThat(run.offMicros).as("the scenario has the person get off").isPositive();
        assertThat(sessions).hasSize(1);
        assertThat((sessions.get(0).startMicros() - run.onMicros) / 1e6).as("start error, s").isCloseTo(0, offset(1.0));
        assertThat((sessions.get(0).endMicros() - run.offMicros) / 1e6).as("end error, s").isCloseTo(0, offset(1.0));
        assertThat(run.analyzer.onMat()).isFalse();
    }
}
