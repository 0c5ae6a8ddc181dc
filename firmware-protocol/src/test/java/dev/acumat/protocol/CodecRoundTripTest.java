package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecRoundTripTest {

    private static byte[] stream(List<? extends Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        messages.forEach(m -> out.writeBytes(WireEncoder.encode(m)));
        return out.toByteArray();
    }

    @Test
    void everyMessageTypeSurvivesTheWire() {
        List<Message> all = List.of(InfoRequest.INSTANCE, Frames.deviceInfo(),
                new DeviceInfo("a", 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, List.of()),
                new PressureFrame(0xFFFF_FFFFL, Long.MAX_VALUE, 256, 256, new int[256 * 256]));
        assertThat(Recorder.decodeAll(stream(all), 7)).containsExactlyElementsOf(all);
        for (Message m : all) {
            assertThat(MessageReader.parse(MessageWriter.toBytes(m))).isEqualTo(m);
        }
    }

    @ParameterizedTest(name = "{0} x {1} at {2} bits")
    @CsvSource({"1,1,12", "1,1,16", "2,3,12", "7,5,16", "32,20,12", "32,20,16", "64,32,12", "64,32,16",
            "100,3,16", "128,128,12", "128,128,16", "256,256,16"})
    void framesOfEverySizeRoundTripDenseAndSparse(int rows, int cols, int bits) {
        SplittableRandom rnd = new SplittableRandom(rows * 1000L + cols * 10L + bits);
        for (double density : new double[] {0, 0.05, 0.3, 0.7, 1}) {
            PressureFrame f = Frames.random(rnd, rows, cols, bits, density);
            assertThat(Recorder.decodeAll(stream(List.of(f)), 4096)).containsExactly(f);
        }
    }

    @Test
    void sparseIsChosenOnlyWhenStrictlySmaller() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            PressureFrame f = Frames.random(rnd, 1 + rnd.nextInt(20), 1 + rnd.nextInt(20), 16, rnd.nextDouble());
            byte[] bytes = MessageWriter.toBytes(f);
            int dense = WireFormat.OVERHEAD + WireFormat.FRAME_CELLS_OFFSET + 2 * f.cells();
            boolean sparse = bytes[WireFormat.BODY_OFFSET + WireFormat.FRAME_ENCODING_OFFSET] == WireFormat.ENCODING_SPARSE;
            assertThat(bytes.length).isLessThanOrEqualTo(dense);
            assertThat(sparse).isEqualTo(bytes.length < dense);
        }
    }

    @Test
    void inputSplitAtEveryByteBoundaryDecodesTheSame() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Message> msgs = List.of(Frames.deviceInfo(), Frames.random(rnd, 16, 16, 12, 0.4),
                Frames.random(rnd, 3, 200, 16, 0.9), InfoRequest.INSTANCE);
        byte[] s = stream(msgs);
        for (int split = 0; split <= s.length; split++) {
            StreamDecoder d = new StreamDecoder();
            Recorder r = new Recorder();
            d.feed(s, 0, split, r);
            d.feed(s, split, s.length - split, r);
            assertThat(r.messages).as("split at %d", split).containsExactlyElementsOf(msgs);
            assertThat(r.errors).isEmpty();
        }
    }

    @Test
    void eachCorruptedByteLosesOnlyItsOwnFrame() {
        SplittableRandom rnd = new SplittableRandom(3);
        PressureFrame a = Frames.random(rnd, 8, 8, 12, 0.5);
        PressureFrame b = Frames.random(rnd, 8, 8, 12, 0.5);
        PressureFrame c = Frames.random(rnd, 8, 8, 12, 0.5);
        byte[] wireA = WireEncoder.encode(a);
        byte[] rest = stream(List.of(b, c));
        for (int i = 0; i < wireA.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                byte[] s = new byte[1 + wireA.length + rest.length - 1];
                System.arraycopy(wireA, 0, s, 1, wireA.length);
                System.arraycopy(rest, 1, s, 1 + wireA.length, rest.length - 1);
                s[1 + i] ^= (byte) flip;
                StreamDecoder d = new StreamDecoder();
                Recorder r = new Recorder();
                d.feed(s, r);
                boolean delimiterHit = i == wireA.length - 1;
                assertThat(r.messages).as("byte %d ^ 0x%02x", i, flip)
                        .containsExactlyElementsOf(delimiterHit ? List.of(c) : List.of(b, c));
                assertThat(d.stats().totalErrors()).isPositive();
            }
        }
    }

    @Test
    void randomGarbageBetweenFramesNeverYieldsAWrongFrame() {
        SplittableRandom rnd = new SplittableRandom(99);
        List<PressureFrame> sent = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[rnd.nextInt(300)];
            for (int j = 0; j < garbage.length; j++) {
                garbage[j] = (byte) rnd.nextInt(256);
            }
            out.writeBytes(garbage);
            out.write(0);
            PressureFrame f = Frames.random(rnd, 1 + rnd.nextInt(40), 1 + rnd.nextInt(40), 12, rnd.nextDouble());
            sent.add(f);
            out.writeBytes(WireEncoder.encode(f));
        }
        byte[] s = out.toByteArray();
        StreamDecoder d = new StreamDecoder();
        Recorder r = new Recorder();
        for (int off = 0; off < s.length; ) {
            int n = Math.min(s.length - off, 1 + rnd.nextInt(65536));
            d.feed(s, off, n, r);
            off += n;
        }
        assertThat(r.messages).containsExactlyElementsOf(sent);
        assertThat(d.stats().messages()).isEqualTo(sent.size());
        assertThat(d.stats().bytes()).isEqualTo(s.length);
    }

    @Test
    void manyRandomFramesRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(2024);
        for (int round = 0; round < 200; round++) {
            List<PressureFrame> frames = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                frames.add(Frames.random(rnd));
            }
            int chunk = 1 + rnd.nextInt(70_000);
            assertThat(Recorder.decodeAll(stream(frames), chunk)).as("round %d", round).containsExactlyElementsOf(frames);
        }
    }
}
