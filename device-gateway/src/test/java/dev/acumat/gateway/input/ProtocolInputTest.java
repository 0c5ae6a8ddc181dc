package dev.acumat.gateway.input;

import static dev.acumat.gateway.input.Recording.feed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.ManualTime;
import org.junit.jupiter.api.Test;

class ProtocolInputTest {
    private final ManualTime time = new ManualTime();
    private final Recording out = new Recording();

    @Test
    void bytesThatNeverDecodeAreExplainedOncePerConnectionAfterFiveSeconds() {
        ProtocolInput in = new ProtocolInput(time, 115_200, out);
        in.connected("/dev/ttyUSB0");
        for (int i = 0; i < 20; i++) {
            feed(in, "512,498,733,12\r\n", out);
            time.advanceMillis(400);
        }
        assertThat(out.said).containsExactly("WARN bytes arrive on /dev/ttyUSB0 but none decode as acumat protocol:"
                + " does the mat print text? use --input csv (or auto) with --rows, --cols and --pitch-mm; wrong"
                + " --baud (now 115200)?");
        in.connected("/dev/ttyUSB0");
        time.advanceMillis(4_000);
        feed(in, "1\n", out);
        time.advanceMillis(4_900);
        feed(in, "1\n", out);
        assertThat(out.said).as("5 s from the first byte of the new connection, not yet").hasSize(1);
        time.advanceMillis(100);
        feed(in, "1\n", out);
        assertThat(out.said).hasSize(2);
    }

    @Test
    void aMatThatSpeaksTheProtocolIsNotTold() {
        ProtocolInput in = new ProtocolInput(time, 921_600, out);
        in.connected("/dev/ttyACM0");
        byte[] wire = WireEncoder.encode(new PressureFrame(1, 1, 1, 2, new int[] {3, 4}));
        in.feed(new byte[] {0}, 0, 1, out);
        for (int i = 0; i < 20; i++) {
            in.feed(wire, 0, wire.length, out);
            time.advanceMillis(400);
        }
        assertThat(out.frames()).hasSize(20);
        assertThat(out.said).isEmpty();
    }
}
