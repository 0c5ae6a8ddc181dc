package dev.acumat.simulator.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.FrameTruth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SyntheticMatTest {
    private static final double HZ = 25;
    private static final MatGeometry MAT = MatGeometry.ACUPRESSURE;
    private static final SensorModel SENSOR = SensorModel.DEFAULT;

    /** A whole run: the frames and their truths. */
    record Run(List<int[]> frames, List<FrameTruth> truths) {
        static Run of(SyntheticMat mat) {
            List<int[]> frames = new ArrayList<>();
            List<FrameTruth> truths = new ArrayList<>();
            int[] v = new int[mat.deviceInfo("t").cells()];
            while (mat.next(v)) {
                frames.add(v.clone());
                truths.add(mat.truth());
            }
            return new Run(frames, truths);
        }
    }

    static List<String> names() {
        return Scenarios.names();
    }

    /** Centre of pressure of a raw frame, pressures read back through the sensor curve; {x, y, force N}. */
    static double[] cop(int[] raw, MatGeometry g) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                int v = raw[r * g.cols() + c];
                double p = v > 0 ? SENSOR.kPaOf(v) : 0;
                sum += p;
                sx += p * (c + 0.5) * g.colPitchMm() / 10;
                sy += p * (r + 0.5) * g.rowPitchMm() / 10;
            }
        }
        return new double[] {sx / sum, sy / sum, sum * 1000 * g.cellAreaM2()};
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyScenarioRunsToItsEndWithinTheAdcRange(String name) {
        SyntheticMat mat = Scenarios.create(name, HZ, 7);
        Run run = Run.of(mat);
        assertThat(run.frames()).hasSize((int) mat.frames()).hasSize((int) mat.script().frames(HZ));
        assertThat(mat.next(new int[MAT.cells()])).isFalse();
        for (int i = 0; i < run.frames().size(); i++) {
            int[] f = run.frames().get(i);
            assertThat(f).hasSize(MAT.cells());
            for (int v : f) {
                assertThat(v == 0 || v > SENSOR.deadband() && v <= 4095).as("value %d", v).isTrue();
            }
            FrameTruth t = run.truths().get(i);
            assertThat(t).isNotNull();
            assertThat(t.phase()).isNotBlank();
            assertThat(t.posture() == null).isEqualTo(!t.onMat());
        }
    }

    @Test
    void anEmptyMatReadsZeroButForDrift() {
        Script empty = Scenarios.script("empty");
        Run still = Run.of(new SyntheticMat(empty, Body.DEFAULT, MAT, SENSOR.withoutDrift(), HZ, 1));
        for (int[] f : still.frames()) {
            assertThat(f).containsOnly(0);
        }
        // With drift some cells creep above the deadband, but never far: drift at most 30
        // counts plus noise bounded at 3.46 sigma.
        Run drifting = Run.of(new SyntheticMat(empty, Body.DEFAULT, MAT, SENSOR, HZ, 1));
        for (int[] f : drifting.frames()) {
            assertThat(Arrays.stream(f).max().getAsInt()).isLessThanOrEqualTo(45);
        }
    }

    @Test
    void rewindReplaysTheSameFrames() {
        SyntheticMat mat = Scenarios.create("roll", HZ, 11);
        Run first = Run.of(mat);
        mat.rewind();
        Run second = Run.of(mat);
        assertThat(second.truths()).isEqualTo(first.truths());
        for (int i = 0; i < first.frames().size(); i++) {
            assertThat(second.frames().get(i)).isEqualTo(first.frames().get(i));
        }
    }

    @Test
    void theSeedChoosesTheNoiseButNotTheTruth() {
        Run a = Run.of(Scenarios.create("sit-up", HZ, 1));
        Run b = Run.of(Scenarios.create("sit-up", HZ, 1));
        Run c = Run.of(Scenarios.create("sit-up", HZ, 2));
        int differing = 0;
        for (int i = 0; i < a.frames().size(); i++) {
            assertThat(b.frames().get(i)).isEqualTo(a.frames().get(i));
            differing += Arrays.equals(a.frames().get(i), c.frames().get(i)) ? 0 : 1;
            assertThat(c.truths().get(i).phase()).isEqualTo(a.truths().get(i).phase());
            assertThat(c.truths().get(i).posture()).isEqualTo(a.truths().get(i).posture());
        }
        assertThat(differing).isEqualTo(a.frames().size());
    }

    @Test
    void theDeviceInfoDescribesGeometryRateAndCalibration() {
        DeviceInfo info = Scenarios.create("still", HZ, 1).deviceInfo("mat-01");
        assertThat(info.matId()).isEqualTo("mat-01");
        assertThat(info.rows()).isEqualTo(32);
        assertThat(info.cols()).isEqualTo(20);
        assertThat(info.rowPitchUm()).isEqualTo(22_000);
        assertThat(info.adcBits()).isEqualTo(12);
        assertThat(info.frameIntervalUs()).isEqualTo(40_000);
        assertThat(info.deadband()).isEqualTo(12);
        assertThat(info.calibration()).hasSize(8);
        DeviceInfo bed = Scenarios.create("still", 10, 1, MatGeometry.BED).deviceInfo("bed");
        assertThat(bed.colPitchUm()).isEqualTo(28_000);
        assertThat(bed.frameIntervalUs()).isEqualTo(100_000);
    }

    @Test
    void breathingMovesTheCentreOfPressureByLessThanACentimetre() {
        Run run = Run.of(Scenarios.create("still", HZ, 5));
        double minX = 1e9;
        double maxX = -1e9;
        double minY = 1e9;
        double maxY = -1e9;
        double minF = 1e9;
        double maxF = 0;
        for (int i = 0; i < 30 * HZ; i++) {
            double[] c = cop(run.frames().get(i), MAT);
            minX = Math.min(minX, c[0]);
            maxX = Math.max(maxX, c[0]);
            minY = Math.min(minY, c[1]);
            maxY = Math.max(maxY, c[1]);
            FrameTruth t = run.truths().get(i);
            minF = Math.min(minF, t.forceN());
            maxF = Math.max(maxF, t.forceN());
            assertThat(t.moving()).isFalse();
        }
        assertThat(maxX - minX).isLessThan(1.0);
        assertThat(maxY - minY).isLessThan(1.0);
        // Breathing is there: the load under the chest rises and falls by a few percent.
        assertThat(maxF / minF).isBetween(1.005, 1.05);
    }

    @Test
    void eachSmallShiftMovesTheCentreOfPressureAtLeastThreeCentimetres() {
        Run run = Run.of(Scenarios.create("shifts", HZ, 3));
        List<FrameTruth> t = run.truths();
        int shifts = 0;
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).shift() && !t.get(i - 1).shift()) {
                int end = i;
                while (t.get(end).shift()) {
                    end++;
                }
                double[] before = meanCop(run, i - (int) HZ, i);
                double[] after = meanCop(run, end + (int) HZ / 2, end + (int) (1.5 * HZ));
                assertThat(Math.hypot(after[0] - before[0], after[1] - before[1])).isGreaterThanOrEqualTo(3);
                shifts++;
            }
        }
        assertThat(shifts).isBetween(3, 6);
    }

    private static double[] meanCop(Run run, int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            double[] c = cop(run.frames().get(i), MAT);
            x += c[0];
            y += c[1];
        }
        return new double[] {x / (to - from), y / (to - from)};
    }

    @Test
    void standingPutsTheWholeWeightOnTheMat() {
        Run run = Run.of(Scenarios.create("stand", HZ, 4));
        int checked = 0;
        for (int i = 0; i < run.frames().size(); i++) {
            if (run.truths().get(i).phase().equals("stand")) {
                assertThat(cop(run.frames().get(i), MAT)[2]).isCloseTo(Body.DEFAULT.weightN(),
                        within(0.08 * Body.DEFAULT.weightN()));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void offTheMatThereIsNoLoadAndALiftKeepsThePersonOn() {
        Run run = Run.of(Scenarios.create("session", HZ, 9));
        boolean lifted = false;
        for (int i = 0; i < run.frames().size(); i++) {
            FrameTruth t = run.truths().get(i);
            if (!t.onMat()) {
                assertThat(t.forceN()).isZero();
                assertThat(Arrays.stream(run.frames().get(i)).max().getAsInt()).isLessThanOrEqualTo(45);
            } else if (t.phase().equals("lift")) {
                assertThat(t.shift()).isFalse();
                assertThat(t.moving()).isTrue();
                lifted |= t.load() < 0.3;
            } else if (t.phase().startsWith("get-")) {
                assertThat(t.forceN()).isPositive();
            } else {
                assertThat(t.forceN()).isGreaterThan(100);
            }
        }
        assertThat(lifted).isTrue();
    }

    @Test
    void anyGeometryWorks() {
        MatGeometry coarse = MatGeometry.of(16, 10, 44);
        Run run = Run.of(Scenarios.create("session", 10, 1, coarse));
        assertThat(run.frames().get(0)).hasSize(160);
        Run bed = Run.of(Scenarios.create("session", 10, 1, MatGeometry.BED));
        assertThat(bed.frames()).hasSameSizeAs(run.frames());
    }
}
