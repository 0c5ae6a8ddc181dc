package dev.acumat.gateway.input;

import static dev.acumat.gateway.input.Recording.feed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.time.ManualTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextInputTest {
    private final ManualTime time = new ManualTime();
    private final Recording out = new Recording();
    private final TextMat mat = new TextMat("text-ttyACM0", 2, 3, 25_000, 30_000, 10, false);

    private TextInput input(TextMat m) {
        TextInput in = new TextInput(m, time, out);
        in.connected("/dev/ttyACM0");
        return in;
    }

    @Test
    void aConnectionOpensWithTheMatsDeviceInfoBuiltFromTheOptions() {
        TextInput in = input(mat);
        feed(in, "1,2,3,4,5,6\n", out);
        DeviceInfo info = out.infos().get(0);
        assertThat(out.messages.get(0)).isSameAs(info);
        assertThat(info).isEqualTo(new DeviceInfo("text-ttyACM0", 0, 0, 0, 2, 3, 25_000, 30_000, 10, 0, 0, List.of()));
        assertThat(info.isCalibrated()).isFalse();
        assertThat(in.asksForDeviceInfo()).as("a text mat is not sent protocol bytes").isFalse();
    }

    @Test
    void everyWellFormedLineIsAFrameNumberedByTheGatewayAtItsArrivalTime() {
        TextInput in = input(mat);
        feed(in, "1,2,3,4,5,6\n", out);
        time.advanceMillis(40);
        feed(in, "7;8;9;10;11;12\r\n13 14 15 16 17 18\r\n", out);  // two lines in one read
        List<PressureFrame> frames = out.frames();
        assertThat(frames).extracting(PressureFrame::sequence).containsExactly(0L, 1L, 2L);
        assertThat(frames.get(0).toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(frames.get(1).value(1, 2)).isEqualTo(12);
        assertThat(frames.get(0).deviceTimeMicros()).isZero();
        assertThat(frames.get(1).deviceTimeMicros()).isEqualTo(40_000);
        assertThat(frames.get(2).deviceTimeMicros()).as("strictly after, or it reads as a restart").isEqualTo(40_001);
    }

    @Test
    void malformedLinesAreCountedLoggedRateLimitedAndNeverSent() {
        TextInput in = input(mat);
        feed(in, "1,2,3,4,5,6\n", out);
        feed(in, "1,2,3\n1,2,3,4,5,1024\n1,2,x,4,5,6\n-1,2,3,4,5,6\n", out);
        time.advanceMillis(11_000);
        feed(in, "1,2,3,4,5,6,7\n1,2,3,4,5,6\n", out);
        assertThat(out.frames()).hasSize(2);
        assertThat(out.malformed).isEqualTo(5);
        assertThat(in.malformedLines()).isEqualTo(5);
        assertThat(out.said).containsExactly(
                "WARN port /dev/ttyACM0: malformed line dropped (3 values, not 6); 1 dropped so far",
                "WARN port /dev/ttyACM0: malformed line dropped (7 values, not 6); 5 dropped so far");
        assertThat(out.frames().get(1).sequence()).as("no number spent on a dropped line").isEqualTo(1);
    }

    @Test
    void theRangeIsTheAdcsAndInvertTurnsFallingReadingsRound() {
        TextInput in = input(new TextMat("m", 1, 3, 10_000, 10_000, 10, true));
        feed(in, "# header\n0,1023,1000\n0,1024,0\n", out);
        assertThat(out.frames()).hasSize(1);
        assertThat(out.frames().get(0).toArray()).containsExactly(1023, 0, 23);
        assertThat(out.malformed).isEqualTo(1);
        assertThat(out.said.get(0)).contains("value 1024 out of 0..1023 (--adc-bits 10)");
    }

    @Test
    void aHeaderOfNamesIsNoProblemAndAPartFirstLineIsDroppedUncounted() {
        TextInput in = input(mat);
        feed(in, "4,5,6\nc0,c1,c2,c3,c4,c5\n1,2,3,4,5,6\n", out);
        assertThat(out.frames()).hasSize(1);
        assertThat(out.malformed).isZero();
    }

    @Test
    void numbersGoOnAcrossAReconnectAndTheDeviceInfoComesAgain() {
        TextInput in = input(mat);
        feed(in, "1,2,3,4,5,6\n1,2,3,4,5,6\n", out);
        time.advanceMillis(2_000);
        in.connected("/dev/ttyACM0");
        feed(in, "1,2,3,4,5,6\n", out);
        assertThat(out.infos()).hasSize(2);
        assertThat(out.frames()).extracting(PressureFrame::sequence).containsExactly(0L, 1L, 2L);
        assertThat(out.frames().get(2).deviceTimeMicros()).isEqualTo(2_000_000);
    }

    @Test
    void theDeviceInfoIsRepeatedEveryFiveSecondsAsAProtocolMatDoes() {
        TextInput in = input(mat);
        for (int i = 0; i < 11; i++) {
            feed(in, "1,2,3,4,5,6\n", out);
            time.advanceMillis(1_000);
        }
        assertThat(out.infos()).hasSize(3);
    }

    @Test
    void linesThatAreNeverAFrameAreExplainedOncePerConnection() {
        TextInput in = input(mat);
        String wrong = "1,2,3,4,5,6,7,8\n";
        for (int i = 0; i < 30; i++) {
            feed(in, wrong, out);
            time.advanceMillis(400);
        }
        List<String> notices = out.said.stream().filter(s -> s.contains("none is a frame")).toList();
        assertThat(notices).containsExactly("WARN lines arrive on /dev/ttyACM0 but none is a frame of --rows x --cols"
                + " = 2 x 3 = 6 values: 8 values, not 6");
        in.connected("/dev/ttyACM0");
        for (int i = 0; i < 30; i++) {
            feed(in, wrong, out);
            time.advanceMillis(400);
        }
        assertThat(out.said.stream().filter(s -> s.contains("none is a frame"))).hasSize(2);
    }

    @Test
    void noNoticeWhenFramesCome() {
        TextInput in = input(mat);
        for (int i = 0; i < 30; i++) {
            feed(in, i % 2 == 0 ? "1,2\n" : "1,2,3,4,5,6\n", out);
            time.advanceMillis(400);
        }
        assertThat(out.said).noneMatch(s -> s.contains("none is a frame"));
    }
}
