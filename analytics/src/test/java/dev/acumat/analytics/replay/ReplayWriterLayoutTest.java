package dev.acumat.analytics.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.PressureFrame;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An export's header carries the order the mat stated, unless the settings name another. */
class ReplayWriterLayoutTest {
    private static final DeviceInfo INFO = new DeviceInfo("pad-1", 1, 0, 0, 2, 2, 25_000, 25_000, 12, 40_000, 0,
            List.of());
    private static final MatLayout STATED = MatLayout.of(CellOrder.parse("serpentine"), MatKind.LUMBAR_PAD);

    private static String export(MatSettings settings) {
        StringWriter out = new StringWriter();
        ReplayWriter w = new ReplayWriter(out, "pad-1.1", settings.order("pad-1"),
                layout -> settings.resolve("pad-1", layout).order());
        w.info(INFO);
        w.layout(STATED);
        w.frame(new RecordedFrame(1_000_000, new PressureFrame(0, 0, 2, 2, new int[] {1, 2, 4, 3})), true);
        return out.toString().lines().findFirst().orElseThrow();
    }

    @Test
    void theMatsOwnOrderGoesIntoTheHeaderAndTheSettingsWin() {
        assertThat(export(MatSettings.NONE)).contains("order=serpentine");
        assertThat(export(MatSettings.builder().order("pad-1", CellOrder.NONE).build())).doesNotContain("serpentine");
    }
}
