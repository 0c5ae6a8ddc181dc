package dev.acumat.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One message under Jazzer, a coverage-guided fuzzer, with its CRC (and, if asked, its body
 * length) made right before it is decoded: random bytes almost never carry a valid CRC-32C, and
 * this takes the fuzzer past it into the body parsers (dense and sparse frames, device info).
 * Each message is read alone and also sent through the streaming decoder as the mat would send
 * it. A plain test run replays the committed corpus
 * ({@code src/test/resources/dev/acumat/protocol/MessageFuzzTestInputs/sealed/}); the build
 * fuzzes it for a few seconds, and {@code JAZZER_FUZZ=1} for longer (docs/RELIABILITY.md).
 */
class MessageFuzzTest {

    /** The first byte: bit 0 fixes the body length, bit 1 leaves the CRC as it is; the rest is the message. */
    @FuzzTest(maxDuration = "10m")
    void sealed(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] message = seal(data);
        DecoderCheck.message(message);
        DecoderCheck.stream(wire(message));
    }

    static byte[] seal(byte[] data) {
        int flags = data[0];
        byte[] m = Arrays.copyOfRange(data, 1, data.length);
        if (m.length < WireFormat.OVERHEAD) {
            return m;
        }
        if ((flags & 1) != 0) {
            LittleEndian.putU32(m, WireFormat.BODY_LENGTH_OFFSET, m.length - WireFormat.OVERHEAD);
        }
        if ((flags & 2) == 0) {
            CRC32C crc = new CRC32C();
            crc.update(m, 0, m.length - WireFormat.CRC_LENGTH);
            LittleEndian.putU32(m, m.length - WireFormat.CRC_LENGTH, crc.getValue());
        }
        return m;
    }

    /** A message as the mat sends it: a delimiter, the stuffed bytes, a delimiter. */
    static byte[] wire(byte[] message) {
        byte[] out = new byte[Cobs.maxEncodedLength(message.length) + 2];
        int n = Cobs.encode(message, 0, message.length, out, 1);
        return Arrays.copyOf(out, n + 2);
    }
}
