package dev.acumat.simulator.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.acumat.simulator.FrameTruth;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** An empty mat that is not empty: stuck cells and a topper, and what they must leave alone. */
class ResidualLoadTest {
    private static final double HZ = 25;
    private static final MatGeometry MAT = MatGeometry.ACUPRESSURE;
    private static final double CONTACT_KPA = 0.67;
    private static final SensorModel RESIDUAL = SensorModel.DEFAULT.withStuckCells(0.01).withTopper(0.6);
    private static final SensorModel NOISELESS = new SensorModel(20, 0, 0, 0, 12);

    private static SyntheticMat mat(String scenario, long seed, MatGeometry g, SensorModel sensor) {
        return Scenarios.create(scenario, HZ, seed, g, Body.DEFAULT, sensor);
    }

    private static String crc(SyntheticMat mat) {
        int[] v = new int[mat.deviceInfo("t").cells()];
        ByteBuffer b = ByteBuffer.allocate(v.length * 2);
        CRC32 crc = new CRC32();
        while (mat.next(v)) {
            b.clear();
            for (int x : v) {
                b.putShort((short) x);
            }
            crc.update(b.array());
        }
        return Long.toHexString(crc.getValue());
    }

    @Test
    void theDefaultsReproduceTheFramesOfBeforeStuckCellsAndToppers() {
        // Checksums of every frame as the simulator made them before the residual load existed.
        assertThat(crc(Scenarios.create("session", HZ, 9, MAT))).isEqualTo("4229a988");
        assertThat(crc(Scenarios.create("roll", 10, 3, MatGeometry.BED))).isEqualTo("6cbe5fd2");
        SensorModel off = SensorModel.DEFAULT.withStuckCells(0).withTopper(0);
        assertThat(off).isEqualTo(SensorModel.DEFAULT);
        assertThat(crc(mat("session", 9, MAT, off))).isEqualTo("4229a988");
    }

    @Test
    void stuckCellsAreAsManyAsAskedAndReadTheirOwnConstantValueUnderTheBody() {
        SyntheticMat stuck = mat("session", 9, MAT, SensorModel.DEFAULT.withStuckCells(0.1));
        SyntheticMat plain = Scenarios.create("session", HZ, 9, MAT);
        int[] cells = stuck.stuckCells();
        assertThat(cells).hasSize(64);
        assertThat(plain.stuckCells()).isEmpty();
        int[] v = new int[MAT.cells()];
        int[] w = new int[MAT.cells()];
        assertThat(stuck.next(v)).isTrue();
        int[] value = new int[cells.length];
        for (int k = 0; k < cells.length; k++) {
            value[k] = v[cells[k]];
        }
        assertThat(value).contains(4095);
        assertThat(Arrays.stream(value).min().getAsInt()).isGreaterThanOrEqualTo(600);
        assertThat(Arrays.stream(value).filter(x -> x == 4095).count()).isBetween(15L, 30L);
        plain.next(w);
        boolean bodyOnAStuckCell = false;
        do {
            for (int k = 0; k < cells.length; k++) {
                assertThat(v[cells[k]]).isEqualTo(value[k]);
                bodyOnAStuckCell |= stuck.pressureKpa()[cells[k]] > 5;
                w[cells[k]] = v[cells[k]];
            }
            // Every other cell reads exactly what it reads without stuck cells.
            assertThat(v).isEqualTo(w);
        } while (stuck.next(v) && plain.next(w));
        assertThat(bodyOnAStuckCell).isTrue();
    }

    @Test
    void theSeedChoosesTheStuckCellsAndALargerShareKeepsASmallerOnes() {
        int[] a = mat("empty", 1, MAT, SensorModel.DEFAULT.withStuckCells(0.01)).stuckCells();
        int[] again = mat("empty", 1, MAT, SensorModel.DEFAULT.withStuckCells(0.01)).stuckCells();
        int[] other = mat("empty", 2, MAT, SensorModel.DEFAULT.withStuckCells(0.01)).stuckCells();
        int[] more = mat("empty", 1, MAT, SensorModel.DEFAULT.withStuckCells(0.05)).stuckCells();
        assertThat(a).hasSize(6).isEqualTo(again).isNotEqualTo(other);
        assertThat(more).hasSize(32).contains(a);
        // A share too small for a whole cell still sticks one.
        assertThat(mat("empty", 1, MAT, SensorModel.DEFAULT.withStuckCells(1e-6)).stuckCells()).hasSize(1);
        assertThat(mat("empty", 1, MatGeometry.BED, SensorModel.DEFAULT.withStuckCells(0.2)).stuckCells())
                .hasSize(410);
    }

    @Test
    void theToppersMeanIsWhatWasAskedAndItPutsAFewCellsInContact() {
        double shares = 0;
        int seeds = 20;
        for (long seed = 1; seed <= seeds; seed++) {
            SyntheticMat mat = mat("empty", seed, MAT, SensorModel.DEFAULT.withTopper(0.6));
            double sum = 0;
            int contact = 0;
            for (int i = 0; i < MAT.cells(); i++) {
                double p = mat.topperKpa(i);
                assertThat(p).isBetween(0.25, 1.2);
                sum += p;
                contact += p >= CONTACT_KPA ? 1 : 0;
            }
            assertThat(sum / MAT.cells()).isCloseTo(0.6, within(1e-4));
            double share = (double) contact / MAT.cells();
            assertThat(share).as("seed %d", seed).isBetween(0.0, 0.3);
            shares += share;
        }
        assertThat(shares / seeds).isBetween(0.08, 0.22);
        // Lighter, it is PMD's empty bed: about 110 cm², a dozen cells of 28 mm, and never 3 % of them.
        SyntheticMat light = mat("empty", 1, MatGeometry.BED, SensorModel.DEFAULT.withTopper(0.5));
        long over = IntStream.range(0, MatGeometry.BED.cells()).filter(i -> light.topperKpa(i) >= CONTACT_KPA).count();
        assertThat(over).isLessThan(61);
    }

    @Test
    void theToppersMapIsSmoothOverCentimetresAndUnrelatedFarAway() {
        // Gaussian correlation with l = 8 cm: 0.96 between neighbours 2.2 cm apart, 0.03 at 22 cm.
        double near = 0;
        double far = 0;
        int seeds = 40;
        for (long seed = 1; seed <= seeds; seed++) {
            float[] map = SensorState.topperMap(0.6, MAT, seed);
            near += correlation(map, 0, 1);
            far += correlation(map, 10, 0);
        }
        assertThat(near / seeds).isGreaterThan(0.85);
        assertThat(far / seeds).isBetween(-0.3, 0.3);
    }

    /** Correlation of the map with itself moved by dr rows and dc columns. */
    private static double correlation(float[] map, int dr, int dc) {
        int n = 0;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int r = 0; r + dr < MAT.rows(); r++) {
            for (int c = 0; c + dc < MAT.cols(); c++) {
                double a = map[r * MAT.cols() + c];
                double b = map[(r + dr) * MAT.cols() + c + dc];
                n++;
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt((saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n));
    }

    @Test
    void theToppersReadingsAverageToItsPressureAndFlickerOnlyWithNoise() {
        SyntheticMat mat = mat("empty", 3, MAT, SensorModel.DEFAULT.withoutDrift().withTopper(0.6));
        double[] sum = new double[MAT.cells()];
        int[] v = new int[MAT.cells()];
        int frames = 0;
        while (mat.next(v)) {
            for (int i = 0; i < v.length; i++) {
                assertThat(v[i]).isPositive();
                sum[i] += SensorModel.DEFAULT.kPaOf(v[i]);
            }
            frames++;
        }
        double total = 0;
        for (int i = 0; i < sum.length; i++) {
            assertThat(sum[i] / frames).isCloseTo(mat.topperKpa(i), within(0.03 * mat.topperKpa(i)));
            total += sum[i] / frames;
        }
        assertThat(total / sum.length).isCloseTo(0.6, within(0.006));

        // Without sensor noise the topper is still: every empty frame the same, the curve of its map.
        SyntheticMat still = mat("empty", 3, MAT, NOISELESS.withTopper(0.6));
        int[] first = new int[MAT.cells()];
        still.next(first);
        for (int i = 0; i < first.length; i++) {
            assertThat(first[i]).isEqualTo((int) Math.round(NOISELESS.rawOf(still.topperKpa(i))));
        }
        while (still.next(v)) {
            assertThat(v).isEqualTo(first);
        }
    }

    @Test
    void theBodysPressureAddsToTheToppersCellByCell() {
        SyntheticMat mat = mat("still", 5, MAT, NOISELESS.withTopper(0.6));
        int[] v = new int[MAT.cells()];
        for (int frame = 0; frame < 50; frame++) {
            mat.next(v);
            float[] person = mat.pressureKpa();
            for (int i = 0; i < v.length; i++) {
                int expected = (int) Math.round(NOISELESS.rawOf(person[i] + mat.topperKpa(i)));
                assertThat(v[i]).isEqualTo(expected <= NOISELESS.deadband() ? 0 : expected);
            }
        }
    }

    @Test
    void theTruthDescribesThePersonOnly() throws IOException {
        SyntheticMatTest.Run plain = SyntheticMatTest.Run.of(Scenarios.create("on-off", HZ, 4, MAT));
        SyntheticMatTest.Run loaded = SyntheticMatTest.Run.of(mat("on-off", 4, MAT, RESIDUAL));
        assertThat(loaded.truths()).isEqualTo(plain.truths());
        assertThat(truthLines(loaded.truths())).isEqualTo(truthLines(plain.truths()));
        // While the truth says the mat is empty, the residual load is there.
        for (int i = 0; i < loaded.frames().size(); i++) {
            if (!loaded.truths().get(i).onMat()) {
                assertThat(Arrays.stream(loaded.frames().get(i)).filter(x -> x > 45).count()).isGreaterThan(600);
            }
        }
    }

    private static String truthLines(List<FrameTruth> truths) throws IOException {
        StringWriter sw = new StringWriter();
        try (TruthWriter w = new TruthWriter(sw)) {
            for (int i = 0; i < truths.size(); i++) {
                w.record(i, Math.round(i * 1e6 / HZ), truths.get(i));
            }
        }
        return sw.toString();
    }

    @Test
    void onOffIsEmptyFifteenSecondsBeforeAndAfterAStay() {
        SyntheticMatTest.Run run = SyntheticMatTest.Run.of(Scenarios.create("on-off", HZ, 1, MAT));
        List<FrameTruth> t = run.truths();
        int edge = (int) (15 * HZ);
        for (int i = 0; i < t.size(); i++) {
            boolean empty = i < edge || i >= t.size() - edge;
            if (empty) {
                assertThat(t.get(i).onMat()).as("frame %d", i).isFalse();
            }
        }
        assertThat(t).anySatisfy(f -> assertThat(f.phase()).isEqualTo("still"));
        assertThat(t.get(edge).onMat()).isTrue();
        assertThat(t.get(t.size() - edge - 1).onMat()).isTrue();
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        assertThatThrownBy(() -> SensorModel.DEFAULT.withStuckCells(-0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensorModel.DEFAULT.withStuckCells(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensorModel.DEFAULT.withTopper(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensorModel.DEFAULT.withTopper(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SensorModel.DEFAULT.withStuckCells(0.01).withTopper(0.6).ideal()).isEqualTo(SensorModel.DEFAULT.ideal());
    }
}
