package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A sparse frame read from the wire keeps its checked bytes and expands them on demand: every way to its values agrees. */
class SparseFrameReadTest {

    @Test
    void everyAccessorOfAReadSparseFrameSeesTheSentValues() {
        SplittableRandom rnd = new SplittableRandom(18);
        // 200 x 200 has zero runs of 128 and more: counts of two and three bytes.
        int[][] geometries = {{1, 1}, {32, 20}, {64, 32}, {200, 200}, {256, 256}};
        int sparseFrames = 0;
        for (int[] g : geometries) {
            for (double density : new double[] {0, 0.01, 0.05, 0.3}) {
                PressureFrame sent = Frames.random(rnd, g[0], g[1], 16, density);
                byte[] bytes = MessageWriter.toBytes(sent);
                if (bytes[WireFormat.BODY_OFFSET + WireFormat.FRAME_ENCODING_OFFSET] == WireFormat.ENCODING_SPARSE) {
                    sparseFrames++;
                }
                int[] expected = sent.toArray();

                int[] dirty = new int[sent.cells() + 3];
                Arrays.fill(dirty, -7);
                ((PressureFrame) MessageReader.parse(bytes)).copyTo(dirty);
                assertThat(Arrays.copyOf(dirty, sent.cells())).isEqualTo(expected);
                assertThat(Arrays.copyOfRange(dirty, sent.cells(), dirty.length)).containsOnly(-7);

                PressureFrame read = (PressureFrame) MessageReader.parse(bytes);
                assertThat(read.toArray()).isEqualTo(expected);
                assertThat(read.nonZeroCells()).isEqualTo(sent.nonZeroCells());
                assertThat(read.valueAt(read.cells() - 1)).isEqualTo(expected[expected.length - 1]);
                int[] again = new int[read.cells()];
                read.copyTo(again);
                assertThat(again).isEqualTo(expected);
                assertThat(read).isEqualTo(sent).hasSameHashCodeAs(sent);
                assertThat(MessageWriter.toBytes(read)).isEqualTo(bytes);
            }
        }
        assertThat(sparseFrames).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aNonCanonicalSparseFrameExpandsAsItReads() {
        // 2 x 3: run (0 zeros as "80 00", 2 literals 5, 0), run (1 zero, 1 literal 65535), run (2 zeros, 0 literals).
        String cells = "80 00 02 0500 0000 01 01 ffff 02 00";
        byte[] body = HexFormat.of().parseHex(("00000000 0000000000000000 0200 0300 01 00 " + cells).replace(" ", ""));
        byte[] message = new byte[WireFormat.OVERHEAD + body.length];
        message[WireFormat.VERSION_OFFSET] = WireFormat.VERSION;
        message[WireFormat.TYPE_OFFSET] = WireFormat.TYPE_PRESSURE_FRAME;
        LittleEndian.putU32(message, WireFormat.BODY_LENGTH_OFFSET, body.length);
        System.arraycopy(body, 0, message, WireFormat.BODY_OFFSET, body.length);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(message, 0, message.length - WireFormat.CRC_LENGTH);
        LittleEndian.putU32(message, message.length - WireFormat.CRC_LENGTH, crc.getValue());

        PressureFrame read = (PressureFrame) MessageReader.parse(message);
        int[] values = {9, 9, 9, 9, 9, 9};
        read.copyTo(values);
        assertThat(values).containsExactly(5, 0, 0, 65535, 0, 0);
        assertThat(read.toArray()).containsExactly(5, 0, 0, 65535, 0, 0);
    }

    @Test
    void unstuffingOneByteUpMatchesUnstuffingToTheFront() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            byte[] in = new byte[rnd.nextInt(1500)];
            boolean fullBlocks = rnd.nextBoolean();
            for (int j = 0; j < in.length; j++) {
                in[j] = (byte) (!fullBlocks && rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1, 256));
            }
            byte[] buf = new byte[Cobs.maxEncodedLength(in.length)];
            int n = Cobs.encode(in, 0, in.length, buf, 0);
            assertThat(Cobs.decodeZeroFreeAtOne(buf, n)).isEqualTo(in.length);
            assertThat(Arrays.copyOfRange(buf, 1, 1 + in.length)).isEqualTo(in);
        }
        assertThat(Cobs.decodeZeroFreeAtOne(HexFormat.of().parseHex("051122"), 3)).isEqualTo(-1);
        assertThat(Cobs.decodeZeroFreeAtOne(HexFormat.of().parseHex("0211051122"), 5)).isEqualTo(-1);
    }
}
