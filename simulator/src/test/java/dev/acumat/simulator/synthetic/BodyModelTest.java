package dev.acumat.simulator.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acumat.contract.Posture;
import org.junit.jupiter.api.Test;

class BodyModelTest {
    private static final MatGeometry MAT = MatGeometry.ACUPRESSURE;
    private static final double WEIGHT = Body.DEFAULT.weightN();

    private static float[] render(MatGeometry g, Pose pose) {
        float[] kPa = new float[g.cells()];
        BodyModel.of(Body.DEFAULT, g).render(pose, kPa);
        return kPa;
    }

    private static float at(float[] kPa, MatGeometry g, int r, int c) {
        return kPa[r * g.cols() + c];
    }

    private static float rowMax(float[] kPa, MatGeometry g, int r) {
        float m = 0;
        for (int c = 0; c < g.cols(); c++) {
            m = Math.max(m, at(kPa, g, r, c));
        }
        return m;
    }

    private static int argMaxRow(float[] kPa, MatGeometry g, int from, int to) {
        int best = from;
        for (int r = from; r < to; r++) {
            if (rowMax(kPa, g, r) > rowMax(kPa, g, best)) {
                best = r;
            }
        }
        return best;
    }

    @Test
    void supineShowsTwoScapulaeAboveALowerLumbarBandAboveTheSacrum() {
        float[] p = render(MAT, Pose.of(Posture.SUPINE));
        int half = MAT.cols() / 2;
        int scapRow = argMaxRow(p, MAT, 0, MAT.rows() / 3);
        int sacrumRow = argMaxRow(p, MAT, 2 * MAT.rows() / 3, MAT.rows());
        // Two maxima in the scapular row, one each side of the spine, with a dip between.
        int leftPeak = 0;
        int rightPeak = half;
        for (int c = 0; c < half; c++) {
            leftPeak = at(p, MAT, scapRow, c) > at(p, MAT, scapRow, leftPeak) ? c : leftPeak;
            rightPeak = at(p, MAT, scapRow, half + c) > at(p, MAT, scapRow, rightPeak) ? half + c : rightPeak;
        }
        float spine = Math.max(at(p, MAT, scapRow, half - 1), at(p, MAT, scapRow, half));
        float scapula = Math.min(at(p, MAT, scapRow, leftPeak), at(p, MAT, scapRow, rightPeak));
        assertThat(spine).isLessThan(0.5f * scapula);
        assertThat(scapula).isBetween(4f, 8f);
        assertThat(rightPeak - leftPeak).isGreaterThanOrEqualTo(5);
        // The sacral maximum sits on the midline and is the highest of the back.
        assertThat(rowMax(p, MAT, sacrumRow)).isBetween(6f, 12f).isGreaterThan(scapula);
        assertThat(Math.max(at(p, MAT, sacrumRow, half - 1), at(p, MAT, sacrumRow, half)))
                .isEqualTo(rowMax(p, MAT, sacrumRow));
        // Between them a lumbar band pressing less, but not nothing.
        int lumbarRow = scapRow;
        for (int r = scapRow; r < sacrumRow; r++) {
            lumbarRow = rowMax(p, MAT, r) < rowMax(p, MAT, lumbarRow) ? r : lumbarRow;
        }
        assertThat(lumbarRow).isBetween(scapRow + 5, sacrumRow - 3);
        float lumbarPeak = 0;
        for (int r = lumbarRow - 2; r <= lumbarRow + 2; r++) {
            lumbarPeak = Math.max(lumbarPeak, rowMax(p, MAT, r));
        }
        assertThat(lumbarPeak).isBetween(0.5f, 2.5f);
    }

    @Test
    void supineLoadIsCentredAndAboutHalfTheWeightIsOnTheAcupressureMat() {
        float[] p = render(MAT, Pose.of(Posture.SUPINE));
        MatLoad load = MatLoad.of(p, MAT);
        assertThat(load.copXCm()).isCloseTo(MAT.widthCm() / 2, within(0.2));
        assertThat(load.copYCm()).isBetween(0.3 * MAT.lengthCm(), 0.7 * MAT.lengthCm());
        assertThat(load.forceN() / WEIGHT).isBetween(0.4, 0.7);
        // The head rests on a pillow above the mat: the top row carries nothing.
        assertThat(rowMax(p, MAT, 0)).isZero();
    }

    @Test
    void lumbarCoverageRangesFromAFifthToThreeQuartersWithPose() {
        BodyModel model = BodyModel.of(Body.DEFAULT, MAT);
        double[] seen = new double[3];
        double[] lumbar = {0, Pose.DEFAULT_LUMBAR, 1};
        for (int i = 0; i < lumbar.length; i++) {
            Pose pose = Pose.of(Posture.SUPINE).withLumbar(lumbar[i]);
            float[] p = render(MAT, pose);
            seen[i] = model.lumbarCoverage(pose, p);
            assertThat(seen[i]).as("lumbar %s", lumbar[i]).isBetween(0.15, 0.85);
            // The band moves with the body.
            Pose moved = pose.moved(-4, 3, 3);
            assertThat(model.lumbarCoverage(moved, render(MAT, moved))).isCloseTo(seen[i], within(0.15));
        }
        assertThat(seen[2] - seen[0]).isGreaterThan(0.3);
        assertThat(seen[1]).isBetween(0.45, 0.7);
        assertThat(model.lumbarCoverage(Pose.of(Posture.LEFT), render(MAT, Pose.of(Posture.LEFT)))).isNaN();
    }

    @Test
    void leftAndRightSideLyingMirrorEachOther() {
        float[] left = render(MAT, Pose.of(Posture.LEFT).moved(1.5, 2, 4));
        float[] right = render(MAT, Pose.of(Posture.RIGHT).moved(-1.5, 2, -4));
        for (int r = 0; r < MAT.rows(); r++) {
            for (int c = 0; c < MAT.cols(); c++) {
                assertThat(at(right, MAT, r, MAT.cols() - 1 - c)).isCloseTo(at(left, MAT, r, c), within(1e-3f));
            }
        }
        MatLoad l = MatLoad.of(left, MAT);
        assertThat(l.copXCm()).as("LEFT lies on the higher-column side").isGreaterThan(MAT.widthCm() / 2 + 3);
    }

    @Test
    void sideLyingIsNarrowWithAHipPeak() {
        float[] side = render(MAT, Pose.of(Posture.LEFT));
        float[] supine = render(MAT, Pose.of(Posture.SUPINE));
        assertThat(contactCells(side)).isLessThan(contactCells(supine) * 2 / 3);
        int hipRow = argMaxRow(side, MAT, MAT.rows() / 2, MAT.rows());
        assertThat(rowMax(side, MAT, hipRow)).isBetween(10f, 20f);
    }

    @Test
    void proneIsBroaderWithLowerPeaksThanSupine() {
        float[] prone = render(MAT, Pose.of(Posture.PRONE));
        float[] supine = render(MAT, Pose.of(Posture.SUPINE));
        assertThat(max(prone)).isLessThan(12f);
        assertThat(contactCells(prone)).isGreaterThan(contactCells(supine) * 2 / 3);
    }

    @Test
    void sittingLoadsTheIschiaAtTheFootEndOfTheMat() {
        float[] p = render(MAT, Pose.of(Posture.SITTING));
        int peakRow = argMaxRow(p, MAT, 0, MAT.rows());
        assertThat(peakRow).isGreaterThanOrEqualTo(MAT.rows() * 3 / 4);
        assertThat(rowMax(p, MAT, peakRow)).isGreaterThan(20f);
        for (int r = 0; r < MAT.rows() / 2; r++) {
            assertThat(rowMax(p, MAT, r)).isZero();
        }
    }

    @Test
    void standingShowsTwoFeetCarryingTheWholeWeight() {
        float[] p = render(MAT, Pose.of(Posture.STANDING));
        assertThat(MatLoad.of(p, MAT).forceN()).isCloseTo(WEIGHT, within(0.03 * WEIGHT));
        assertThat(max(p)).isBetween(30f, 70f);
        // Column occupancy: two runs of loaded columns with a gap of at least 5 cm between.
        boolean[] loaded = new boolean[MAT.cols()];
        int firstRow = MAT.rows();
        int lastRow = -1;
        for (int r = 0; r < MAT.rows(); r++) {
            for (int c = 0; c < MAT.cols(); c++) {
                if (at(p, MAT, r, c) > 1f) {
                    loaded[c] = true;
                    firstRow = Math.min(firstRow, r);
                    lastRow = Math.max(lastRow, r);
                }
            }
        }
        int runs = 0;
        int gap = 0;
        for (int c = 0; c < MAT.cols(); c++) {
            runs += loaded[c] && (c == 0 || !loaded[c - 1]) ? 1 : 0;
            if (!loaded[c] && runs == 1) {
                gap++;
            }
        }
        assertThat(runs).isEqualTo(2);
        assertThat(gap * MAT.colPitchMm() / 10).isGreaterThanOrEqualTo(5);
        assertThat((lastRow - firstRow + 1) * MAT.rowPitchMm() / 10).isBetween(20.0, 30.0);
        // Toes towards row 0: the heel peak is below the forefoot.
        int heelRow = argMaxRow(p, MAT, 0, MAT.rows());
        assertThat(heelRow).isGreaterThan((firstRow + lastRow) / 2);
    }

    @Test
    void aBedSizeMatShowsTheWholeBodyHeadToHeels() {
        MatGeometry bed = MatGeometry.BED;
        float[] p = render(bed, Pose.of(Posture.SUPINE));
        int first = -1;
        int last = -1;
        for (int r = 0; r < bed.rows(); r++) {
            if (rowMax(p, bed, r) > 0.5f) {
                first = first < 0 ? r : first;
                last = r;
            }
        }
        assertThat(first).as("occiput row").isBetween(1, 6);
        assertThat(last).as("heel row").isBetween(bed.rows() - 6, bed.rows() - 1);
        // The whole person is on it.
        assertThat(MatLoad.of(p, bed).forceN()).isCloseTo(WEIGHT, within(0.03 * WEIGHT));
    }

    @Test
    void breathingChangesTheChestLoadByAFewPercentButHardlyMovesTheCentre() {
        MatLoad in = MatLoad.of(render(MAT, Pose.of(Posture.SUPINE).withBreathPhase(Math.PI / 2)), MAT);
        MatLoad out = MatLoad.of(render(MAT, Pose.of(Posture.SUPINE).withBreathPhase(-Math.PI / 2)), MAT);
        assertThat(in.forceN() / out.forceN()).isBetween(1.005, 1.05);
        assertThat(in.copDistanceCm(out)).isLessThan(1.0);
    }

    @Test
    void translationMovesTheCentreOfPressureWithTheBody() {
        MatGeometry bed = MatGeometry.BED;
        MatLoad at = MatLoad.of(render(bed, Pose.of(Posture.SUPINE)), bed);
        MatLoad moved = MatLoad.of(render(bed, Pose.of(Posture.SUPINE).moved(5, -4, 0)), bed);
        assertThat(moved.copXCm() - at.copXCm()).isCloseTo(5, within(0.2));
        assertThat(moved.copYCm() - at.copYCm()).isCloseTo(-4, within(0.2));
    }

    @Test
    void aHeavierPersonPressesHarder() {
        float[] light = new float[MAT.cells()];
        float[] heavy = new float[MAT.cells()];
        BodyModel.of(new Body(175, 60), MAT).render(Pose.of(Posture.SUPINE), light);
        BodyModel.of(new Body(175, 95), MAT).render(Pose.of(Posture.SUPINE), heavy);
        assertThat(MatLoad.of(heavy, MAT).forceN()).isGreaterThan(1.4 * MatLoad.of(light, MAT).forceN());
        assertThat(contactCells(heavy)).isGreaterThan(contactCells(light));
    }

    private static int contactCells(float[] p) {
        int n = 0;
        for (float v : p) {
            n += v > 0.25f ? 1 : 0;
        }
        return n;
    }

    private static float max(float[] p) {
        float m = 0;
        for (float v : p) {
            m = Math.max(m, v);
        }
        return m;
    }
}
