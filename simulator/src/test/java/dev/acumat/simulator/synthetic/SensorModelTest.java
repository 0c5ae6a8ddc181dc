package dev.acumat.simulator.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.DeviceInfo;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SensorModelTest {
    private final SensorModel sensor = SensorModel.DEFAULT;

    @Test
    void theCurveRisesAndSaturatesBelowFullScale() {
        assertThat(sensor.rawOf(0)).isZero();
        assertThat(sensor.rawOf(20)).isCloseTo(2047.5, within(0.01));
        double previous = 0;
        for (double p = 0.1; p < 1000; p *= 1.5) {
            assertThat(sensor.rawOf(p)).isGreaterThan(previous).isLessThan(4095);
            previous = sensor.rawOf(p);
        }
        // A lightly touching lower back is well above the deadband, a standing heel far from clipping.
        assertThat(sensor.rawOf(0.5)).isGreaterThan(4 * sensor.deadband());
        assertThat(sensor.rawOf(60)).isLessThan(3500);
    }

    @Test
    void kPaOfInvertsTheCurve() {
        for (double p : new double[] {0.2, 1, 7, 30, 150}) {
            assertThat(sensor.kPaOf(sensor.rawOf(p))).isCloseTo(p, within(1e-9 * p + 1e-12));
        }
        assertThat(sensor.kPaOf(4095)).isFinite().isGreaterThan(100_000);
    }

    @Test
    void eightCalibrationPointsFollowTheCurveAndFitTheDeviceInfo() {
        List<CalibrationPoint> points = sensor.calibration();
        assertThat(points).hasSize(8);
        assertThat(points.get(0).raw()).isZero();
        assertThat(points.get(0).pressurePa()).isZero();
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).raw()).isGreaterThan(points.get(i - 1).raw());
            assertThat(points.get(i).pressurePa()).isGreaterThan(points.get(i - 1).pressurePa());
            assertThat(points.get(i).pressurePa() / 1000.0)
                    .isCloseTo(sensor.kPaOf(points.get(i).raw()), within(0.001));
        }
        DeviceInfo info = new DeviceInfo("m", 1, 0, 0, 32, 20, 22_000, 22_000, 12, 40_000, 12, points);
        assertThat(info.isCalibrated()).isTrue();
    }

    @Test
    void noiseIsZeroMeanUnitVarianceAndBounded() {
        SplittableRandom r = new SplittableRandom(3);
        double sum = 0;
        double sq = 0;
        double max = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double z = SensorState.gaussian(r.nextLong());
            sum += z;
            sq += z * z;
            max = Math.max(max, Math.abs(z));
        }
        assertThat(sum / n).isCloseTo(0, within(0.01));
        assertThat(sq / n).isCloseTo(1, within(0.02));
        assertThat(max).isLessThan(3.47);
    }
}
