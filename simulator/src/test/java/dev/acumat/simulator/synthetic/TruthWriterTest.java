package dev.acumat.simulator.synthetic;

import static dev.acumat.simulator.synthetic.TruthLines.num;
import static dev.acumat.simulator.synthetic.TruthLines.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.simulator.FrameTruth;
import dev.acumat.contract.Posture;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TruthWriterTest {
    private static final double HZ = 25;

    static List<String> names() {
        return Scenarios.names();
    }

    private static List<Map<String, Object>> write(SyntheticMatTest.Run run) throws IOException {
        StringWriter sw = new StringWriter();
        try (TruthWriter w = new TruthWriter(sw)) {
            for (int i = 0; i < run.truths().size(); i++) {
                w.record(i, Math.round(i * 1e6 / HZ), run.truths().get(i));
            }
        }
        return TruthLines.parse(sw.toString());
    }

    private static SyntheticMatTest.Run run(String name) {
        return SyntheticMatTest.Run.of(Scenarios.create(name, HZ, 1));
    }

    @ParameterizedTest
    @MethodSource("names")
    void intervalsCoverEveryFrameOnceAndAgreeWithTheFrames(String name) throws IOException {
        SyntheticMatTest.Run run = run(name);
        List<Map<String, Object>> intervals = ofKind(write(run), "interval");
        long next = 0;
        for (Map<String, Object> in : intervals) {
            assertThat(num(in, "start_frame")).isEqualTo(next);
            long end = num(in, "end_frame");
            assertThat(end).isGreaterThanOrEqualTo(next);
            assertThat((Double) in.get("start_s")).isEqualTo(next / HZ);
            for (long f = next; f <= end; f++) {
                FrameTruth t = run.truths().get((int) f);
                assertThat(in.get("on_mat")).isEqualTo(t.onMat());
                assertThat(in.get("posture")).isEqualTo(t.posture() == null ? null : t.posture().label());
                assertThat(in.get("phase")).isEqualTo(t.phase());
                if (!t.onMat()) {
                    // Nobody there: the frame holds nothing but drift and noise.
                    assertThat(Arrays.stream(run.frames().get((int) f)).max().getAsInt()).isLessThanOrEqualTo(45);
                }
            }
            next = end + 1;
        }
        assertThat(next).isEqualTo(run.frames().size());
    }

    @Test
    void smallShiftsAreReportedWithTheirCentreOfPressureMove() throws IOException {
        List<Map<String, Object>> shifts = ofKind(write(run("shifts")), "shift");
        assertThat(shifts).hasSize(5);
        for (Map<String, Object> s : shifts) {
            assertThat(s.get("from")).isEqualTo("supine");
            assertThat(s.get("to")).isEqualTo("supine");
            assertThat(s.get("posture_change")).isEqualTo(false);
            assertThat((Double) s.get("cop_shift_cm")).isGreaterThanOrEqualTo(3.0);
            assertThat(num(s, "settled_frame") - num(s, "frame")).isBetween((long) HZ, (long) (2 * HZ));
        }
    }

    @Test
    void rollsArePostureChangesBothWays() throws IOException {
        List<Map<String, Object>> shifts = ofKind(write(run("roll")), "shift");
        assertThat(shifts).extracting(s -> s.get("from") + ">" + s.get("to"))
                .containsExactly("supine>left", "left>supine", "supine>right", "right>supine");
        assertThat(shifts).allSatisfy(s -> assertThat(s.get("posture_change")).isEqualTo(true));
    }

    @Test
    void gettingOnAndOffAreNotShiftsButBoundASession() throws IOException {
        List<Map<String, Object>> lines = write(run("lie-down"));
        assertThat(ofKind(lines, "shift")).extracting(s -> s.get("from") + ">" + s.get("to"))
                .containsExactly("sitting>supine");
        assertThat(ofKind(write(run("get-off")), "shift")).extracting(s -> s.get("from") + ">" + s.get("to"))
                .containsExactly("supine>sitting");
        assertThat(ofKind(write(run("empty")), "shift")).isEmpty();
        assertThat(ofKind(write(run("empty")), "session_start")).isEmpty();
    }

    @Test
    void theSessionRunsFromGettingOnToGettingOffAcrossTheLift() throws IOException {
        SyntheticMatTest.Run run = run("session");
        List<Map<String, Object>> lines = write(run);
        List<Map<String, Object>> ends = ofKind(lines, "session_end");
        assertThat(ofKind(lines, "session_start")).hasSize(1);
        assertThat(ends).hasSize(1);
        int first = -1;
        int last = -1;
        for (int i = 0; i < run.truths().size(); i++) {
            if (run.truths().get(i).onMat()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        assertThat(num(ends.get(0), "start_frame")).isEqualTo(first);
        assertThat(num(ends.get(0), "end_frame")).isEqualTo(last);
        assertThat(ofKind(lines, "interval")).anySatisfy(in -> assertThat(in.get("phase")).isEqualTo("lift"));
        // Lie back, three shifts, roll there and back, sit up.
        assertThat(ofKind(lines, "shift")).hasSize(7);
    }

    @Test
    void stringsAreEscaped() throws IOException {
        String odd = "a\"b\\c\nd\te\u0001f\u2028";
        StringWriter sw = new StringWriter();
        TruthWriter w = new TruthWriter(sw);
        w.record(0, 0, new FrameTruth(false, null, false, odd));
        w.finish();
        String text = sw.toString();
        assertThat(text).endsWith("}\n").doesNotContain("\u0001").doesNotContain("\u2028");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
        assertThat(TruthLines.parse(text).get(0).get("phase")).isEqualTo(odd);
    }

    @Test
    void finishFlushesWithoutClosingAndNullTruthIsIgnored() throws IOException {
        boolean[] closed = {false};
        StringWriter sw = new StringWriter() {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        TruthWriter w = new TruthWriter(sw);
        w.record(0, 0, new FrameTruth(true, Posture.SUPINE, false, "test"));
        w.record(1, 40_000, null);
        w.record(2, 80_000, new FrameTruth(true, Posture.SUPINE, true, "test", true, 1, 300, 10, 30, 0.5));
        w.finish();
        assertThat(closed[0]).isFalse();
        List<Map<String, Object>> lines = TruthLines.parse(sw.toString());
        assertThat(ofKind(lines, "interval")).singleElement()
                .satisfies(in -> assertThat(num(in, "end_frame")).isEqualTo(2));
        // A shift cut short by the end, after a hand-written truth without load figures.
        assertThat(ofKind(lines, "shift")).singleElement().satisfies(s -> {
            assertThat(s.get("settled_frame")).isNull();
            assertThat(s.get("cop_shift_cm")).isNull();
            assertThat(s.get("from")).isEqualTo("supine");
        });
        assertThat(ofKind(lines, "session_end")).hasSize(1);
        w.close();
        assertThat(closed[0]).isTrue();
        // Closed once; later frames (a shutdown hook closed it while frames still came) are dropped.
        String written = sw.toString();
        w.record(3, 120_000, new FrameTruth(false, null, false, "late"));
        w.close();
        assertThat(sw.toString()).isEqualTo(written);
    }
}
