package dev.acumat.analytics.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.DeviceInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The mapper skips cells, sums the contact metrics and lists and sums the runs in one pass: it must
 * give what the plain definitions give, bit for bit, whatever the calibration's shape.
 */
class PressureMapperTest {
    private static final int ROWS = 9;
    private static final int COLS = 13;

    @Test
    void rawCountsMapAsDefined() {
        check(MatSpec.raw("m", ROWS, COLS, 15, 12), 4095);
    }

    @Test
    void aCurveFlatBelowItsFirstPointMapsAsDefined() {
        // Flat up to count 300 and beyond 3,000 (a saturating sensor): skipping must stop at the flat parts' ends.
        List<CalibrationPoint> points = List.of(new CalibrationPoint(300, 0), new CalibrationPoint(900, 2_000),
                new CalibrationPoint(2_000, 9_000), new CalibrationPoint(3_000, 9_000));
        check(MatSpec.of(new DeviceInfo("m", 1, 0, 0, ROWS, COLS, 15_000, 15_000, 12, 40_000, 0, points)), 4095);
    }

    @Test
    void oneCalibrationPointMapsAsDefined() {
        List<CalibrationPoint> points = List.of(new CalibrationPoint(1_000, 5_000));
        check(MatSpec.of(new DeviceInfo("m", 1, 0, 0, ROWS, COLS, 15_000, 15_000, 10, 40_000, 0, points)), 1023);
    }

    private static void check(MatSpec spec, int maxCount) {
        Random random = new Random(7);
        PressureMapper mapper = new PressureMapper(spec);
        Baseline baseline = new Baseline(spec.cells());
        int[] raw = new int[spec.cells()];
        for (int frame = 0; frame < 200; frame++) {
            int level = random.nextInt(maxCount + 1);
            for (int i = 0; i < raw.length; i++) {
                // Noise about a level, pressed patches, and now and then the ends of the range.
                int v = level + random.nextInt(41) - 20 + (random.nextInt(4) == 0 ? random.nextInt(maxCount) : 0);
                raw[i] = random.nextInt(50) == 0 ? (random.nextBoolean() ? 0 : maxCount) : Math.max(0, Math.min(maxCount, v));
            }
            PressureMap map = mapper.map(raw, baseline);
            Calibration cal = spec.calibration();
            float[] pressure = new float[raw.length];
            boolean[] contact = new boolean[raw.length];
            for (int i = 0; i < raw.length; i++) {
                float v = cal.pressure(raw[i]) - cal.pressure(Math.round(baseline.at(i)));
                pressure[i] = v > 0 ? v : 0;
                contact[i] = pressure[i] >= cal.contactThreshold();
            }
            assertArrayEquals(pressure, map.pressures(), "frame " + frame);
            assertArrayEquals(contact, map.contacts(), "frame " + frame);
            PressureMap plain = new PressureMap(spec, pressure, contact);
            assertEquals(ContactMetrics.of(plain), mapper.contactMetrics(), "frame " + frame);
            int runs = map.contactRuns();
            int[] starts = Arrays.copyOf(map.runStarts(), runs);
            int[] ends = Arrays.copyOf(map.runEnds(), runs);
            assertEquals(plain.contactRuns(), runs, "frame " + frame);
            assertArrayEquals(Arrays.copyOf(plain.runStarts(), runs), starts, "frame " + frame);
            assertArrayEquals(Arrays.copyOf(plain.runEnds(), runs), ends, "frame " + frame);
            // The mapper sums each run as it maps: the sums its definition takes over the mask.
            PressureMap.RunSums want = plain.runSums();
            PressureMap.RunSums got = map.runSums();
            assertArrayEquals(Arrays.copyOf(want.load, runs), Arrays.copyOf(got.load, runs));
            assertArrayEquals(Arrays.copyOf(want.loadX, runs), Arrays.copyOf(got.loadX, runs));
            assertArrayEquals(Arrays.copyOf(want.loadXX, runs), Arrays.copyOf(got.loadXX, runs));
            assertArrayEquals(Arrays.copyOf(want.loadSq, runs), Arrays.copyOf(got.loadSq, runs));
            assertArrayEquals(Arrays.copyOf(want.max, runs), Arrays.copyOf(got.max, runs));
            if (frame % 3 == 0) {
                baseline.followEmpty(raw);  // the baseline moves: the floors must follow
            }
        }
    }
}
