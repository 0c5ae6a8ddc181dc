package dev.acumat.analytics.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.protocol.CellOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatSettingsTest {
    private static final MatSpec ACUPRESSURE = MatSpec.raw("mat-1", 32, 20, 22, 12);
    private static final MatSpec BED = MatSpec.raw("bed", 64, 32, 28, 12);

    @TempDir
    Path dir;

    private Path modelFile(String name, PostureModel.Layout layout) throws IOException {
        Path p = dir.resolve(name);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8))) {
            PostureModel.shipped(layout).write(w);
        }
        return p;
    }

    private static MatSpec named(String matId, MatSpec spec) {
        return new MatSpec(matId, spec.rows(), spec.cols(), spec.rowPitchCm(), spec.colPitchCm(), spec.calibration());
    }

    @Test
    void aMatsOwnPostureModelWinsOverTheOneForEveryMatWhichWinsOverTheShippedOne() throws IOException {
        Path torso = modelFile("torso.txt", PostureModel.Layout.TORSO);
        Path whole = modelFile("whole.txt", PostureModel.Layout.WHOLE_BODY);
        assertThat(MatSettings.NONE.postureModel(ACUPRESSURE).layout()).isEqualTo(PostureModel.Layout.TORSO);
        assertThat(MatSettings.NONE.postureModel(BED).layout()).isEqualTo(PostureModel.Layout.WHOLE_BODY);

        MatSettings s = MatSettings.builder()
                .orders("--mat-order", List.of("mat-1=flip-cols"))
                .postureModels("--mat-posture-model", List.of("mat-1=" + torso, "bed-2=" + whole))
                .defaultPostureModel("--posture-model", torso)
                .build();
        assertThat(s.order("mat-1")).isEqualTo(CellOrder.parse("flip-cols"));
        assertThat(s.of("mat-1").postureModel().layout()).isEqualTo(PostureModel.Layout.TORSO);
        assertThat(s.postureModel(named("bed-2", BED)).layout()).isEqualTo(PostureModel.Layout.WHOLE_BODY);
        // Another layout than the mat's size implies is used all the same (with a warning).
        assertThat(s.postureModel(BED)).isSameAs(s.defaultPostureModel());
        assertThat(s.postureModel(BED).layout()).isEqualTo(PostureModel.Layout.TORSO);
        assertThat(s.of("bed").postureModel()).isNull();
        assertThat(s.toString()).isEqualTo("every mat posture-model=torso; bed-2 posture-model=whole-body;"
                + " mat-1 order=flip-cols posture-model=torso");

        MatSettings defaultOnly = MatSettings.builder().defaultPostureModel("--posture-model", whole).build();
        assertThat(defaultOnly.isEmpty()).isFalse();
        assertThat(defaultOnly.mats()).isEmpty();
        assertThat(MatSettings.builder().defaultPostureModel("--posture-model", null).build()).isSameAs(MatSettings.NONE);
    }

    @Test
    void aBadPostureModelNamesTheSettingAndTheFile() throws IOException {
        Path missing = dir.resolve("missing.txt");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "format 2\nlayout sideways\n");
        assertThatThrownBy(() -> MatSettings.builder().postureModels("--mat-posture-model", List.of("m=" + missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--mat-posture-model: m: no such file: " + missing);
        assertThatThrownBy(() -> MatSettings.builder().postureModels("--mat-posture-model", List.of("m=" + bad)))
                .hasMessage("--mat-posture-model: m: " + bad + ": line 2: unknown layout 'sideways': whole-body or torso");
        assertThatThrownBy(() -> MatSettings.builder().postureModels("--mat-posture-model", List.of("m=")))
                .hasMessage("--mat-posture-model: m: no posture model file given");
        assertThatThrownBy(() -> MatSettings.builder().postureModels("--mat-posture-model", List.of(missing.toString())))
                .hasMessage("--mat-posture-model: '" + missing + "' is not MAT_ID=FILE");
        assertThatThrownBy(() -> MatSettings.builder().defaultPostureModel("--posture-model", dir))
                .hasMessage("--posture-model: is a directory, not a posture model: " + dir);
    }

    @Test
    void entriesGiveEachNamedMatItsOrderAndTheOthersTheDefaults() {
        MatSettings s = MatSettings.builder()
                .orders("--mat-order", List.of("mat-1=flip-cols", " acumat:0c8b95=transpose,flip-rows ", "", "m.2=none"))
                .build();
        assertThat(s.order("mat-1")).isEqualTo(CellOrder.parse("flip-cols"));
        assertThat(s.order("acumat:0c8b95")).isEqualTo(CellOrder.parse("flip-rows,transpose"));
        assertThat(s.order("m.2")).isEqualTo(CellOrder.NONE);
        assertThat(s.of("mat-9")).isEqualTo(MatSettings.Mat.DEFAULTS);
        assertThat(s.mats()).containsOnlyKeys("mat-1", "acumat:0c8b95", "m.2");
        assertThat(s.toString()).isEqualTo("acumat:0c8b95 order=flip-rows,transpose; m.2 order=none; mat-1 order=flip-cols");
        assertThat(MatSettings.builder().orders("--mat-order", List.of()).build()).isSameAs(MatSettings.NONE);
        assertThat(MatSettings.NONE.toString()).isEqualTo("none");
    }

    @Test
    void everyMistakeNamesTheSettingAndTheEntry() {
        assertThatThrownBy(() -> MatSettings.builder().orders("--mat-order", List.of("mat-1=flip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--mat-order: mat-1: 'flip' is not a cell order step; one of none, flip-rows,"
                        + " flip-cols, transpose");
        assertThatThrownBy(() -> MatSettings.builder().orders("--mat-order", List.of("flip-cols")))
                .hasMessage("--mat-order: 'flip-cols' is not MAT_ID=ORDER");
        assertThatThrownBy(() -> MatSettings.builder().orders("--mat-order", List.of("=flip-cols")))
                .hasMessage("--mat-order: '=flip-cols' is not MAT_ID=ORDER");
        assertThatThrownBy(() -> MatSettings.builder().orders("--mat-order", List.of("bad/id=flip-cols")))
                .hasMessage("--mat-order: 'bad/id' is not a mat id (1..64 of A-Z a-z 0-9 . _ : -)");
        assertThatThrownBy(() -> MatSettings.builder().orders("--mat-order", List.of("m=flip-cols", "m=transpose")))
                .hasMessage("--mat-order: mat m is given twice");
        assertThatThrownBy(() -> MatSettings.builder().orders("--mat-order", List.of("m=")))
                .hasMessageStartingWith("--mat-order: m: no cell order given");
    }

    @Test
    void aLayoutGivenPerMatWinsOverTheMatsOwnPartByPart() {
        MatSettings s = MatSettings.builder().layouts("--mat-layout", java.util.List.of("pad-1=lumbar-pad"))
                .orders("--mat-order", java.util.List.of("mat-2=none")).build();
        dev.acumat.protocol.MatLayout stated = dev.acumat.protocol.MatLayout.of(
                dev.acumat.protocol.CellOrder.parse("flip-cols"), dev.acumat.protocol.MatKind.TORSO);
        assertThat(s.resolve("pad-1", stated)).isEqualTo(new MatSettings.Resolved(
                dev.acumat.protocol.CellOrder.parse("flip-cols"), dev.acumat.protocol.MatKind.LUMBAR_PAD));
        assertThat(s.resolve("mat-2", stated)).isEqualTo(new MatSettings.Resolved(
                dev.acumat.protocol.CellOrder.NONE, dev.acumat.protocol.MatKind.TORSO));
        assertThat(s.resolve("mat-3", null)).isEqualTo(MatSettings.Resolved.DEFAULTS);
        assertThat(s.resolve("mat-3", new dev.acumat.protocol.MatLayout(0x40, 7)))
                .as("reserved bits and values: as not stated").isEqualTo(MatSettings.Resolved.DEFAULTS);
        assertThat(s.toString()).isEqualTo("mat-2 order=none; pad-1 layout=lumbar-pad");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MatSettings.builder()
                .layouts("--mat-layout", java.util.List.of("pad-1=bed"))).hasMessage(
                "--mat-layout: pad-1: 'bed' is not a mat layout; one of full-body, torso, lumbar-pad");
    }
}
