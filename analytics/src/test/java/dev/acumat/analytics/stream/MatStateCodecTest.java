package dev.acumat.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SensorModel;
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
    void anAnalyzerRestartedFromItsSavedStateDecidesAsOneNeverRestarted() {
        // A mat with stuck cells and a topper: what the person weighs, the baseline they left
        // and the posture belief must all survive a restart for the session to end on time.
        SensorModel sensor = SensorModel.DEFAULT.withStuckCells(0.02).withTopper(0.6);
        SyntheticMat mat = Scenarios.create("on-off", 25, 4, MatGeometry.ACUPRESSURE, Body.DEFAULT, sensor);
        DeviceInfo info = mat.deviceInfo("mat-r");
        MatSpec spec = MatSpec.of(info);
        PostureModel model = PostureModel.shippedFor(spec);
        MatAnalyzer straight = new MatAnalyzer(spec, model);
        MatAnalyzer restarted = new MatAnalyzer(spec, model);
        int[] values = new int[info.cells()];
        int sessions = 0;
        for (long i = 0; mat.next(values); i++) {
            if (i % 101 == 100) {
                byte[] bytes = MatStateCodec.encode(new MatStateCodec.MatState(info, restarted.state(), i));
                restarted = new MatAnalyzer(spec, model, MatStateCodec.decode(bytes).analyzer());
            }
            long t = 1_790_000_000_000_000L + i * 40_000;
            MatAnalyzer.FrameResult a = straight.analyze(t, values);
            MatAnalyzer.FrameResult b = restarted.analyze(t, values);
            assertThat(b.onMat()).as("frame %d", i).isEqualTo(a.onMat());
            assertThat(b.body().posture()).as("frame %d", i).isEqualTo(a.body().posture());
            assertThat(b.events()).as("frame %d", i).isEqualTo(a.events());
            sessions += (int) a.events().stream().filter(e -> e instanceof SessionEvent.Ended).count();
        }
        assertThat(sessions).isEqualTo(1);
    }

    @Test
    void anUnknownVersionStartsTheMatAfresh() {
        assertThat(MatStateCodec.decode(new byte[] {9, 0, 0})).isNull();
    }

    @Test
    void theCellOrderTravelsAndAnOlderStateReadsAsTheCanonicalOrder() {
        DeviceInfo info = Scenarios.create("still", 25, 5).deviceInfo("mat-c");
        CellOrder order = CellOrder.parse("flip-rows,transpose");
        byte[] bytes = MatStateCodec.encode(new MatStateCodec.MatState(info, null, 7, order));
        assertThat(bytes[0]).isEqualTo((byte) MatStateCodec.VERSION);
        assertThat(MatStateCodec.decode(bytes).order()).isEqualTo(order);
        assertThat(MatStateCodec.decode(MatStateCodec.encode(new MatStateCodec.MatState(info, null, 7))).order())
                .isEqualTo(CellOrder.NONE);
        // Version 2 had no order: the same bytes without it.
        byte[] v2 = MatStateCodec.encode(new MatStateCodec.MatState(info, null, 7));
        int orderAt = 1 + 4 + dev.acumat.protocol.MessageWriter.toBytes(info).length + 8;
        // "none" as UTF (2 + 4 bytes), then version 5's layout (no message: 1 byte; the kind: 1 byte).
        byte[] old = new byte[v2.length - 8];
        System.arraycopy(v2, 0, old, 0, orderAt);
        System.arraycopy(v2, orderAt + 8, old, orderAt, v2.length - orderAt - 8);
        old[0] = 2;
        MatStateCodec.MatState back = MatStateCodec.decode(old);
        assertThat(back.order()).isEqualTo(CellOrder.NONE);
        assertThat(back.lastFrameMicros()).isEqualTo(7);
    }

    @Test
    void theMatsStatedLayoutAndKindTravelAndAVersion4StateReadsAsNothingStated() {
        SyntheticMat mat = Scenarios.create("still", 10, 5, MatGeometry.LUMBAR_PAD);
        DeviceInfo info = mat.deviceInfo("pad-1");
        MatAnalyzer analyzer = new MatAnalyzer(MatSpec.of(info), null, MatKind.LUMBAR_PAD);
        int[] values = new int[info.cells()];
        for (long i = 0; i < 50 && mat.next(values); i++) {
            analyzer.analyze(i * 100_000, values);
        }
        MatLayout stated = MatLayout.of(CellOrder.parse("serpentine"), MatKind.LUMBAR_PAD);
        CellOrder order = CellOrder.parse("serpentine");
        byte[] bytes = MatStateCodec.encode(new MatStateCodec.MatState(info, analyzer.state(), 9, order, stated,
                MatKind.LUMBAR_PAD));
        MatStateCodec.MatState back = MatStateCodec.decode(bytes);
        assertThat(back.stated()).isEqualTo(stated);
        assertThat(back.kind()).isEqualTo(MatKind.LUMBAR_PAD);
        assertThat(back.order()).isEqualTo(order);
        assertThat(MatStateCodec.encode(back)).isEqualTo(bytes);

        // Version 4: the same bytes without the layout (the order's UTF, then 1 + 2 + 1 bytes).
        int layoutAt = 1 + 4 + dev.acumat.protocol.MessageWriter.toBytes(info).length + 8 + 2 + order.format().length();
        byte[] v4 = new byte[bytes.length - 4];
        System.arraycopy(bytes, 0, v4, 0, layoutAt);
        System.arraycopy(bytes, layoutAt + 4, v4, layoutAt, bytes.length - layoutAt - 4);
        v4[0] = 4;
        MatStateCodec.MatState old = MatStateCodec.decode(v4);
        assertThat(old).isNotNull();
        assertThat(old.stated()).isNull();
        assertThat(old.kind()).isEqualTo(MatKind.NOT_STATED);
        assertThat(old.analyzer().tracker()).isEqualTo(back.analyzer().tracker());
        assertThat(old.analyzer().baselineMicros()).isEqualTo(back.analyzer().baselineMicros());
    }
}
