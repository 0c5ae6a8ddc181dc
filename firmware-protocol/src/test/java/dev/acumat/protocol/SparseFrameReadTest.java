package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A sparse frame read from the wire keeps its checked bytes and expands them on demand: every way to its values agrees. */
class SparseFrameReadTest {

    /** The frame the stream decoder makes of these message bytes (its check resumes where its unstuffing's walk stopped). */
    private static PressureFrame viaStream(byte[] message) {
        byte[] wire = WireEncoder.frame(message);
        byte[] stream = new byte[wire.length + 1];
        System.arraycopy(wire, 0, stream, 1, wire.length);
        List<Message> read = Recorder.decodeAll(stream, 4096);
        assertThat(read).hasSize(1);
        return (PressureFrame) read.get(0);
    }

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
                viaStream(bytes).copyTo(dirty);
                assertThat(Arrays.copyOf(dirty, sent.cells())).isEqualTo(expected);
                assertThat(Arrays.copyOfRange(dirty, sent.cells(), dirty.length)).containsOnly(-7);

                PressureFrame read = viaStream(bytes);
                assertThat(read.toArray()).isEqualTo(expected);
                assertThat(read.nonZeroCells()).isEqualTo(sent.nonZeroCells());
                assertThat(read.valueAt(read.cells() - 1)).isEqualTo(expected[expected.length - 1]);
                int[] again = new int[read.cells()];
                read.copyTo(again);
                assertThat(again).isEqualTo(expected);
                PressureFrame parsed = (PressureFrame) MessageReader.parse(bytes);
                Arrays.fill(again, -7);
                parsed.copyTo(again);
                assertThat(again).isEqualTo(expected);
                assertThat(parsed).isEqualTo(sent);
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

        PressureFrame read = viaStream(message);
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

    /**
     * The stream decoder checks sparse runs while it unstuffs, and resumes the full check
     * where that walk stopped: damaged runs under a good CRC must get the very error, detail
     * included, that the plain reader gives the same bytes.
     */
    @Test
    void theStreamDecoderRejectsDamagedRunsExactlyAsTheReaderDoes() {
        SplittableRandom rnd = new SplittableRandom(181);
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            int rows = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 70);
            int cols = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 40);
            PressureFrame f = Frames.random(rnd, rows, cols, 16, rnd.nextDouble() * 0.4);
            byte[] bytes = MessageWriter.toBytes(f);
            if (bytes[WireFormat.BODY_OFFSET + WireFormat.FRAME_ENCODING_OFFSET] != WireFormat.ENCODING_SPARSE) {
                continue;
            }
            byte[] damaged = damageCells(rnd, bytes);
            DecodeError expected = null;
            Message parsed = null;
            try {
                parsed = MessageReader.parse(damaged);
            } catch (ProtocolException e) {
                expected = e.error();
            }
            StreamDecoder decoder = new StreamDecoder();
            Recorder r = new Recorder();
            byte[] wire = WireEncoder.frame(damaged);
            decoder.feed(new byte[] {0}, r);
            decoder.feed(wire, r);
            if (expected == null) {
                assertThat(r.messages).containsExactly(parsed);
                assertThat(r.errors).isEmpty();
            } else {
                rejected++;
                assertThat(r.messages).isEmpty();
                assertThat(r.errors).hasSize(1);
                assertThat(r.errors.get(0).type()).isEqualTo(expected.type());
                assertThat(r.errors.get(0).detail()).isEqualTo(expected.detail());
            }
        }
        assertThat(rejected).isGreaterThan(500);
    }

    /** One change to a sparse frame's cell bytes (a byte, a cut, an addition), sealed again with a good length and CRC. */
    private static byte[] damageCells(SplittableRandom rnd, byte[] message) {
        int cellsAt = WireFormat.BODY_OFFSET + WireFormat.FRAME_CELLS_OFFSET;
        byte[] cells = Arrays.copyOfRange(message, cellsAt, message.length - WireFormat.CRC_LENGTH);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                if (cells.length > 0) {
                    cells[rnd.nextInt(cells.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 1 -> cells = Arrays.copyOf(cells, rnd.nextInt(cells.length + 1));
            case 2 -> {
                cells = Arrays.copyOf(cells, cells.length + 1 + rnd.nextInt(4));
                cells[cells.length - 1] = (byte) rnd.nextInt(256);
            }
            default -> {
                // A count of two bytes where one would do, or a zero count: legal variants and broken ones.
                if (cells.length > 1) {
                    cells[rnd.nextInt(cells.length - 1)] = (byte) (rnd.nextBoolean() ? 0 : 0x80 | rnd.nextInt(128));
                }
            }
        }
        byte[] out = new byte[cellsAt + cells.length + WireFormat.CRC_LENGTH];
        System.arraycopy(message, 0, out, 0, cellsAt);
        System.arraycopy(cells, 0, out, cellsAt, cells.length);
        LittleEndian.putU32(out, WireFormat.BODY_LENGTH_OFFSET, out.length - WireFormat.OVERHEAD);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(out, 0, out.length - WireFormat.CRC_LENGTH);
        LittleEndian.putU32(out, out.length - WireFormat.CRC_LENGTH, crc.getValue());
        return out;
    }
}
