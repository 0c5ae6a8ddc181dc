package dev.acumat.gateway.input;

import static dev.acumat.gateway.input.Recording.feed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.ManualTime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoInputTest {
    private final ManualTime time = new ManualTime();
    private final Recording out = new Recording();
    private final TextMat mat = new TextMat("text-ttyACM0", 1, 4, 25_000, 25_000, 10, false);

    private AutoInput auto(TextMat m) {
        AutoInput in = new AutoInput(m == null ? null : new TextInput(m, time, out), m, time, 921_600, out);
        in.connected("/dev/ttyACM0");
        return in;
    }

    private static byte[] wire(Message... messages) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        for (Message m : messages) {
            b.writeBytes(WireEncoder.encode(m));
        }
        return b.toByteArray();
    }

    @Test
    void linesOfNumbersAreTextAndNoLineIsLostToTheChoice() {
        AutoInput in = auto(mat);
        feed(in, "3,4\n1,2,3,4\n", out);
        assertThat(out.messages).as("one line is not enough to choose").isEmpty();
        feed(in, "5,6,7,8\r\n9,10,11,12\r\n", out);
        assertThat(out.said).containsExactly(
                "INFO port /dev/ttyACM0: input is text (2 lines of 4 numbers, no protocol message): reading it as a text mat");
        assertThat(out.messages.get(0)).isInstanceOf(DeviceInfo.class);
        assertThat(out.frames()).extracting(f -> f.valueAt(0)).containsExactly(1, 5, 9);
        assertThat(out.malformed).as("the cut first line is not counted").isZero();
    }

    @Test
    void theDecidingLinesAreNamedThoughMoreLinesCameInTheSameRead() {
        AutoInput in = auto(mat);
        // One read (a tty hands over up to 4 KiB) that goes on past the deciding pair with a
        // malformed line: the choice names the deciding lines, not the last one read.
        feed(in, "3,4\n1,2,3,4\n5,6,7,8\n9,10,11\n13,14,1.5,16\n", out);
        assertThat(out.said).first().isEqualTo(
                "INFO port /dev/ttyACM0: input is text (2 lines of 4 numbers, no protocol message): reading it as a text mat");
        assertThat(out.frames()).extracting(f -> f.valueAt(0)).containsExactly(1, 5);
        assertThat(out.malformed).isEqualTo(2);
    }

    @Test
    void aProtocolMatIsChosenAtItsFirstMessageAndLosesNothing() {
        AutoInput in = auto(mat);
        DeviceInfo info = new DeviceInfo("mat-1", 1, 0, 0, 1, 4, 22_000, 22_000, 12, 40_000, 0, List.of());
        byte[] bytes = wire(info, frame(0, 1, 2, 3, 4), frame(1, 5, 6, 7, 8));
        in.feed(bytes, 0, bytes.length, out);
        assertThat(out.messages).containsExactly(info, frame(0, 1, 2, 3, 4), frame(1, 5, 6, 7, 8));
        assertThat(out.said).containsExactly("INFO port /dev/ttyACM0: input is the acumat protocol (a message decoded)");
    }

    private static PressureFrame frame(long seq, int... values) {
        return new PressureFrame(seq, seq * 40_000, 1, values.length, values);
    }

    @Test
    void aProtocolMatsDamagedStretchesBeforeItsFirstMessageStillCount() {
        AutoInput in = auto(mat);
        byte[] damaged = WireEncoder.encode(frame(0, 1, 2, 3, 4));
        damaged[5] ^= 0x10;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.writeBytes(damaged);
        b.writeBytes(WireEncoder.encode(frame(1, 5, 6, 7, 8)));
        in.feed(b.toByteArray(), 0, b.size(), out);
        assertThat(out.errors).hasSize(1);
        assertThat(out.frames()).extracting(PressureFrame::sequence).containsExactly(1L);
    }

    @Test
    void binaryWhosePrintableBytesLookLikeLinesOfNumbersIsStillBinary() {
        AutoInput in = auto(mat);
        // Cells whose little-endian bytes spell "1,2\n3,4\n5,6\n7,8\n" and a mat id with digits and commas.
        byte[] text = "1,2\n3,4\n5,6\n7,8\n".getBytes(StandardCharsets.US_ASCII);
        int[] cells = new int[text.length / 2];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (text[2 * i] & 0xFF) | (text[2 * i + 1] & 0xFF) << 8;
        }
        // No device-info first: the frame's own lines come before any message could decode.
        byte[] bytes = wire(new PressureFrame(0, 0, 1, cells.length, cells),
                new PressureFrame(1, 40_000, 1, cells.length, cells));
        for (byte b : bytes) {
            in.feed(new byte[] {b}, 0, 1, out);  // the worst case: one byte a read
        }
        assertThat(out.said).containsExactly("INFO port /dev/ttyACM0: input is the acumat protocol (a message decoded)");
        assertThat(out.frames()).hasSize(2);
        assertThat(out.malformed).isZero();
    }

    @Test
    void aTextMatWithoutAGridIsNamedNotRead() {
        AutoInput in = auto(null);
        feed(in, "1,2,3\n", out);
        for (int i = 0; i < 10; i++) {
            feed(in, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16\n", out);
        }
        assertThat(out.said).containsExactly("WARN port /dev/ttyACM0: the mat prints lines of 16 numbers, not the acumat"
                + " protocol: give --rows, --cols and --pitch-mm to read it as a text mat");
        assertThat(out.messages).isEmpty();
    }

    @Test
    void bytesThatAreNeitherAreExplainedOnceAfterFiveSeconds() {
        AutoInput in = auto(mat);
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] noise = new byte[64];
            random.nextBytes(noise);
            for (int j = 0; j < noise.length; j++) {
                noise[j] |= (byte) 0x80;  // a wrong baud rate: no delimiter, no line
            }
            in.feed(noise, 0, noise.length, out);
            time.advanceMillis(200);
        }
        assertThat(out.said).containsExactly("WARN bytes arrive on /dev/ttyACM0 but decode neither as acumat protocol"
                + " nor as lines of numbers: wrong --baud (now 921600)?");
        assertThat(out.messages).isEmpty();
        assertThat(out.errors).isEmpty();
    }

    @Test
    void eachConnectionChoosesAgain() {
        AutoInput in = auto(mat);
        byte[] bytes = wire(frame(0, 1, 2, 3, 4));
        in.feed(bytes, 0, bytes.length, out);
        in.connected("/dev/ttyACM0");
        feed(in, "x\n1,2,3,4\n1,2,3,4\n", out);
        assertThat(out.said).hasSize(2).last().asString().contains("input is text");
        assertThat(out.frames()).hasSize(3);
    }

    @Test
    void withAGridOnlyLinesOfItsCellsDecide() {
        AutoInput in = auto(mat);
        // A burst that opens with malformed lines of one length (three numbers where the grid has four).
        feed(in, "x\n1,2,3\n1,2,3\n1,2,3\n", out);
        assertThat(out.said).as("lines of another count do not decide").isEmpty();
        feed(in, "1,2,3,4\n5,6,7,8\n", out);
        assertThat(out.said).startsWith(
                "INFO port /dev/ttyACM0: input is text (2 lines of 4 numbers, no protocol message): reading it as a text mat",
                "WARN port /dev/ttyACM0: malformed line dropped (3 values, not 4); 1 dropped so far");
        assertThat(out.frames()).extracting(f -> f.valueAt(0)).containsExactly(1, 5);
        assertThat(out.malformed).as("the kept malformed lines are counted once text is chosen").isEqualTo(3);
    }

    @Test
    void aGridThatDoesNotMatchTheLinesIsSaidAsSuch() {
        AutoInput in = auto(mat);
        for (int i = 0; i < 30; i++) {
            feed(in, "1,2,3,4,5,6\n", out);
            time.advanceMillis(200);
        }
        assertThat(out.said).containsExactly("WARN port /dev/ttyACM0: the mat prints lines of 6 numbers, but --rows and"
                + " --cols give 4 cells: check --rows and --cols");
        assertThat(out.messages).isEmpty();
    }
}
