package dev.acumat.analytics.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.contract.Posture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyAnalyzerTest {
    private final ShippedAnalyzers analyzer = new ShippedAnalyzers();

    private static CraftedBody mat(boolean bed) {
        return bed ? new CraftedBody(CraftedBody.BED, CraftedBody.BED_TOP_CM)
                : new CraftedBody(CraftedBody.ACUPRESSURE, CraftedBody.ACUPRESSURE_TOP_CM);
    }

    @Test
    void anEmptyMatHasNoBodyAndNoPosture() {
        PressureMap empty = mat(false).map();

        BodyReading r = analyzer.analyze(empty);

        assertThat(r.posture()).isEqualTo(Posture.UNKNOWN);
        assertThat(r.confidence()).isZero();
        assertThat(r.axis()).isNull();
        assertThat(r.lowerBack()).isNull();
        assertThat(r.lowerBackCoverage()).isNull();
        assertThat(r.hasBody()).isFalse();
    }

    @Test
    void aHandIsNotABody() {
        PressureMap hand = mat(false).bump(0, 60, 4, 5, 800).map();

        BodyReading r = analyzer.analyze(hand);

        assertThat(r.hasBody()).isFalse();
        assertThat(r.posture()).isEqualTo(Posture.UNKNOWN);
        assertThat(r.bodyAreaCm2()).isLessThan(60);
    }

    @ParameterizedTest(name = "bed mat: {0}")
    @ValueSource(booleans = {false, true})
    void aSupineBackGetsItsLumbarRegionBetweenShouldersAndPelvis(boolean bed) {
        // Every other column of the lumbar band touches: coverage must count exactly those.
        CraftedBody body = mat(bed).supine();
        body.pattern(body.row(58), body.row(80), (r, c) -> c % 2 == 0, 120);
        PressureMap map = body.map();

        BodyReading r = analyzer.analyze(map);

        assertThat(r.posture()).isEqualTo(Posture.SUPINE);
        LowerBackRegion back = r.lowerBack();
        assertThat(back).isNotNull();
        int inside = 0;
        int touching = 0;
        int top = Integer.MAX_VALUE;
        int bottom = Integer.MIN_VALUE;
        for (int i = 0; i < back.cells().length; i++) {
            if (back.cells()[i]) {
                inside++;
                touching += map.contacts()[i] ? 1 : 0;
                top = Math.min(top, i / map.cols());
                bottom = Math.max(bottom, i / map.cols());
            }
        }
        assertThat(back.cellCount()).isEqualTo(inside);
        assertThat(back.cellsInContact()).isEqualTo(touching);
        assertThat(back.coverage()).isEqualTo((double) touching / inside);
        assertThat(back.coverage()).isBetween(0.4, 0.6);
        assertThat(r.lowerBackCoverage()).isEqualTo(back.coverage());
        // Between the scapulae (39 cm below the vertex) and the sacrum (84 cm), where L1-L5 lie.
        assertThat(top).isGreaterThan(body.row(39));
        assertThat(bottom).isLessThan(body.row(84));
        assertThat(bottom - top + 1).isBetween((int) (10 / map.spec().rowPitchCm()), (int) (20 / map.spec().rowPitchCm()));
        // About a torso wide: 25 to 35 cm.
        double widthCm = (double) inside / (bottom - top + 1) * map.spec().colPitchCm();
        assertThat(widthCm).isBetween(22.0, 36.0);
        assertThat(r.axis().angleDeg()).isCloseTo(0, within(2.0));
        assertThat(back.outlineCm().length).isEqualTo(8);
    }

    @Test
    void anArchedBackOffTheSpikesIsFoundButBarelyCovered() {
        CraftedBody body = mat(false).supine();

        BodyReading r = analyzer.analyze(body.map());

        assertThat(r.posture()).isEqualTo(Posture.SUPINE);
        assertThat(r.lowerBack()).isNotNull();
        // Only the lowest ribs reach into the band's top row.
        assertThat(r.lowerBackCoverage()).isLessThan(0.1);
    }

    @ParameterizedTest(name = "bed mat: {0}")
    @ValueSource(booleans = {false, true})
    void lyingOnASideHasNoLowerBackAndMirroringSwapsTheSide(boolean bed) {
        PressureMap left = mat(bed).left().map();

        BodyReading r = analyzer.analyze(left);
        BodyReading mirrored = analyzer.analyze(CraftedBody.mirrored(left));

        assertThat(r.posture()).isEqualTo(Posture.LEFT);
        assertThat(r.lowerBack()).isNull();
        assertThat(mirrored.posture()).isEqualTo(Posture.RIGHT);
        assertThat(mirrored.confidence()).isCloseTo(r.confidence(), within(1e-6));
    }

    @Test
    void rawCountsAndAnyOtherScaleGiveTheSameReading() {
        CraftedBody body = mat(true).supine();
        body.pattern(body.row(60), body.row(78), (row, c) -> (row + c) % 3 == 0, 90);
        PressureMap counts = body.map();
        float[] scaled = counts.pressures().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 0.0125f;   // as if calibrated in some unit: same contact, another scale
        }
        PressureMap other = new PressureMap(counts.spec(), scaled, counts.contacts().clone());

        BodyReading a = analyzer.analyze(counts);
        BodyReading b = analyzer.analyze(other);

        assertThat(b.posture()).isEqualTo(a.posture());
        assertThat(b.confidence()).isCloseTo(a.confidence(), within(1e-5));
        assertThat(b.lowerBackCoverage()).isEqualTo(a.lowerBackCoverage());
        assertThat(b.axis().angleDeg()).isCloseTo(a.axis().angleDeg(), within(1e-3));
    }

    @Test
    void oneAnalyzerServesMatsOfDifferentGrids() {
        PressureMap small = mat(false).supine().map();
        PressureMap large = mat(true).supine().map();
        PressureMap odd = new CraftedBody(MatSpec.raw("odd", 40, 24, 25, 12), 10).supine().map();

        assertThat(analyzer.analyze(small).posture()).isEqualTo(Posture.SUPINE);
        assertThat(analyzer.analyze(large).posture()).isEqualTo(Posture.SUPINE);
        assertThat(analyzer.analyze(odd).hasBody()).isTrue();
        assertThat(analyzer.analyze(small).posture()).isEqualTo(Posture.SUPINE);
    }
}
