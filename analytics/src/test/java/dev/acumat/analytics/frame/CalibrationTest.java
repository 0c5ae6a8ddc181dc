package dev.acumat.analytics.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.DeviceInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final List<CalibrationPoint> POINTS = List.of(new CalibrationPoint(0, 0),
            new CalibrationPoint(1000, 10_000), new CalibrationPoint(2500, 40_000), new CalibrationPoint(4095, 90_000));

    private static DeviceInfo mat(String id, List<CalibrationPoint> points) {
        return new DeviceInfo(id, 1, 0, 0, 32, 20, 15_000, 15_000, 12, 40_000, 0, points);
    }

    @Test
    void theCurvePassesThroughThePointsInKilopascals() {
        Calibration c = Calibration.of(mat("m-1", POINTS));
        assertThat(c.calibrated()).isTrue();
        assertThat(c.units()).isEqualTo("kPa");
        assertThat(c.pressure(1000)).isCloseTo(10f, within(1e-3f));
        assertThat(c.pressure(2500)).isCloseTo(40f, within(1e-3f));
        assertThat(c.pressure(1750)).isBetween(10f, 40f);
        assertThat(c.pressure(-5)).isEqualTo(0f);
    }

    @Test
    void matsWithTheSameCalibrationShareOneCurveAndOthersGetTheirOwn() {
        Calibration a = Calibration.of(mat("m-1", POINTS));
        Calibration b = Calibration.of(mat("m-2", List.copyOf(POINTS)));
        List<CalibrationPoint> stiffer = List.of(new CalibrationPoint(0, 0), new CalibrationPoint(1000, 20_000),
                new CalibrationPoint(4095, 90_000));
        Calibration c = Calibration.of(mat("m-3", stiffer));
        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(a);
        assertThat(c.pressure(1000)).isCloseTo(20f, within(1e-3f));
    }

    @Test
    void withoutPointsTheValuesStayRawCounts() {
        Calibration c = Calibration.of(mat("m-4", List.of()));
        assertThat(c.calibrated()).isFalse();
        assertThat(c.units()).isEqualTo("raw");
        assertThat(c.pressure(1234)).isEqualTo(1234f);
    }

    /** floorOf is a table of what its definition says, for curves with and without flat stretches. */
    @Test
    void eachCountsFloorIsTheLastCountThatMapsToNoMore() {
        List<List<CalibrationPoint>> curves = List.of(POINTS,
                // flat below 300, from 2,000 on (the last segment's slope, 0, continues to the end)
                List.of(new CalibrationPoint(300, 0), new CalibrationPoint(900, 2_000),
                        new CalibrationPoint(2_000, 9_000), new CalibrationPoint(3_000, 9_000)),
                List.of(new CalibrationPoint(1_000, 5_000)));
        for (int k = 0; k < curves.size(); k++) {
            Calibration c = Calibration.of(mat("floors-" + k, curves.get(k)));
            for (int r = 1; r < 4096; r++) {
                assertThat(c.pressure(r)).as("curve %d rises", k).isGreaterThanOrEqualTo(c.pressure(r - 1));
            }
            for (int at = -3; at < 4100; at++) {
                int expected = Integer.MAX_VALUE;
                for (int r = Math.max(at, 0); r < 4096; r++) {
                    if (c.pressure(r + 1) > c.pressure(at)) {
                        expected = r;
                        break;
                    }
                }
                assertThat(c.floorOf(at)).as("curve %d, count %d", k, at).isEqualTo(expected);
            }
        }
        assertThat(Calibration.raw(10).floorOf(17)).isEqualTo(17);
        assertThat(Calibration.raw(10).floorOf(1023)).isEqualTo(Integer.MAX_VALUE);
    }
}
