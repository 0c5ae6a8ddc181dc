package dev.acumat.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import org.junit.jupiter.api.Test;

class MatStateCodecTest {
    @Test
    void aMatInTheMiddleOfShiftsComesBackWhole() {
        SyntheticMat mat = Scenarios.create("shifts", 25, 5);
        DeviceInfo info = mat.deviceInfo("mat-c");
        MatAnalyzer analyzer = new MatAnalyzer(MatSpec.of(info));
        int[] values = new int[info.cells()];
        for (long i = 0; i < 25 * 20 && mat.next(values); i++) {
            analyzer.analyze(1_790_000_000_000_000L + i * 40_000, values);
        }
        byte[] bytes = MatStateCodec.encode(new MatStateCodec.MatState(info, analyzer.state(), 42));
        MatStateCodec.MatState back = MatStateCodec.decode(bytes);

        assertThat(back.lastFrameMicros()).isEqualTo(42);
        assertThat(back.analyzer().tracker().shifts().window()).as("the shift window travels too").isNotEmpty();
        assertThat(back.analyzer().tracker().previous()).isNotNull();
        assertThat(MatStateCodec.encode(back)).isEqualTo(bytes);
    }

    @Test
    void anUnknownVersionStartsTheMatAfresh() {
        assertThat(MatStateCodec.decode(new byte[] {9, 0, 0})).isNull();
    }
}
