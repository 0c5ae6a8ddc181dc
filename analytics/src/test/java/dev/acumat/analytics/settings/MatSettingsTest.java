package dev.acumat.analytics.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.protocol.CellOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatSettingsTest {
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
}
