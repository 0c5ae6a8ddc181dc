package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class StreamDecoderTest {
    private final StreamDecoder decoder = new StreamDecoder();
    private final Recorder recorder = new Recorder();
    private final PressureFrame frame = new PressureFrame(5, 200_000, 2, 2, new int[] {1, 0, 0, 4});

    @Test
    void skipsWhatCameBeforeTheFirstDelimiterWithoutCallingItAnError() {
        byte[] wire = WireEncoder.encode(frame);
        decoder.feed(Arrays.copyOfRange(wire, 3, wire.length), recorder);  // joined mid-message
        decoder.feed(wire, recorder);
        assertThat(recorder.messages).containsExactly(frame);
        assertThat(decoder.stats().totalErrors()).isZero();
        assertThat(decoder.stats().bytesSkipped()).isEqualTo(wire.length - 4);
    }

    @Test
    void handsOnEachMessageWithItsBytesAsReceived() {
        List<byte[]> raw = new java.util.ArrayList<>();
        DecodeListener keepBytes = new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                throw new AssertionError("the decoder should offer the bytes");
            }

            @Override
            public void onMessage(Message message, byte[] bytes, int offset, int length) {
                raw.add(Arrays.copyOfRange(bytes, offset, offset + length));
            }

            @Override
            public void onError(DecodeError error) {
                throw new AssertionError(error.toString());
            }
        };
        decoder.feed(new byte[] {0}, keepBytes);
        decoder.feed(WireEncoder.encode(frame), keepBytes);
        decoder.feed(WireEncoder.encode(Frames.deviceInfo()), keepBytes);
        assertThat(raw).containsExactly(MessageWriter.toBytes(frame), MessageWriter.toBytes(Frames.deviceInfo()));
    }

    @Test
    void idleDelimitersAreNothing() {
        decoder.feed(new byte[] {0, 0, 0, 0}, recorder);
        decoder.feed(WireEncoder.encode(frame), recorder);
        decoder.feed(new byte[] {0, 0}, recorder);
        assertThat(recorder.events).containsExactly(frame);
    }

    @Test
    void anEndlessStretchWithoutDelimiterIsDroppedOnceAndTheNextFrameDecodes() {
        StreamDecoder small = new StreamDecoder(100);
        feedNoiseAfterADelimiter(small, (byte) 0x42, 10_000, 50);
        small.feed(new byte[] {0}, recorder);
        small.feed(WireEncoder.encode(frame), recorder);
        assertThat(recorder.events).containsExactly(DecodeErrorType.OVERSIZE, frame);
        assertThat(small.stats().bytesDropped()).isEqualTo(500_000);
    }

    @Test
    void memoryStaysBoundedByTheLargestValidMessage() throws Exception {
        StreamDecoder small = new StreamDecoder(1000);
        feedNoiseAfterADelimiter(small, (byte) 7, 65536, 20);
        Field buf = StreamDecoder.class.getDeclaredField("buf");
        buf.setAccessible(true);
        assertThat(((byte[]) buf.get(small)).length).isLessThanOrEqualTo(WireFormat.maxStuffedLength(1000));
    }

    @Test
    void aBodyAboveTheConfiguredLimitIsRejectedEvenWhenWellFormed() {
        StreamDecoder small = new StreamDecoder(30);
        PressureFrame big = new PressureFrame(1, 1, 4, 4, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        small.feed(new byte[] {0}, recorder);
        small.feed(WireEncoder.encode(big), recorder);
        assertThat(recorder.events).hasSize(1).allMatch(e -> e == DecodeErrorType.OVERSIZE || e == DecodeErrorType.BAD_LENGTH);
    }

    @Test
    void resetForgetsAPartialMessage() {
        byte[] wire = WireEncoder.encode(frame);
        decoder.feed(new byte[] {0}, recorder);
        decoder.feed(wire, 0, 5, recorder);
        decoder.reset();
        decoder.feed(wire, 5, wire.length - 5, recorder);  // the tail ends in a delimiter: skipped as sync
        decoder.feed(wire, recorder);
        assertThat(recorder.events).containsExactly(frame);
    }

    @Test
    void countsEveryKindOfError() {
        byte[] vector = stream();
        decoder.feed(vector, recorder);
        DecoderStats stats = decoder.stats();
        for (DecodeErrorType t : List.of(DecodeErrorType.BAD_CRC, DecodeErrorType.BAD_FRAMING, DecodeErrorType.TOO_SHORT)) {
            assertThat(stats.errors(t)).as(t.name()).isEqualTo(1);
        }
        assertThat(stats.totalErrors()).isEqualTo(3);
        assertThat(stats.messages()).isEqualTo(1);
    }

    /** A delimiter, then {@code times} reads of {@code length} bytes of {@code value}: no delimiter in them. */
    private void feedNoiseAfterADelimiter(StreamDecoder d, byte value, int length, int times) {
        d.feed(new byte[] {0}, recorder);
        byte[] noise = new byte[length];
        Arrays.fill(noise, value);
        for (int i = 0; i < times; i++) {
            d.feed(noise, recorder);
        }
    }

    private byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        byte[] bad = MessageWriter.toBytes(frame);
        bad[7] ^= 0x10;
        out.writeBytes(WireEncoder.frame(bad));
        out.writeBytes(new byte[] {0x05, 0x01, 0x00});
        out.writeBytes(new byte[] {0x03, 0x01, 0x02, 0x00});
        out.writeBytes(WireEncoder.encode(frame));
        return out.toByteArray();
    }

    @Test
    void rejectsALimitAboveTheProtocolMaximum() {
        assertThatThrownBy(() -> new StreamDecoder(WireFormat.MAX_BODY_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyLength");
    }

    /** Random bodies with a valid CRC reach every parser branch; none may throw. */
    @Test
    void neverThrowsOnWellSealedGarbage() {
        SplittableRandom rnd = new SplittableRandom(17);
        int[] types = {WireFormat.TYPE_DEVICE_INFO, WireFormat.TYPE_PRESSURE_FRAME, WireFormat.TYPE_INFO_REQUEST,
                WireFormat.TYPE_MAT_LAYOUT, 0x33};
        for (int i = 0; i < 50_000; i++) {
            int bodyLength = rnd.nextInt(i % 3 == 0 ? 4 : i % 2 == 0 ? 40 : 400);
            byte[] m = new byte[WireFormat.OVERHEAD + bodyLength];
            for (int j = WireFormat.BODY_OFFSET; j < m.length - 4; j++) {
                m[j] = (byte) (rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(256));
            }
            m[0] = 1;
            m[1] = (byte) types[rnd.nextInt(types.length)];
            LittleEndian.putU32(m, 2, rnd.nextInt(8) == 0 ? rnd.nextInt() & 0xFFFFFFFFL : bodyLength);
            if (m[1] == WireFormat.TYPE_PRESSURE_FRAME && bodyLength >= 18) {
                LittleEndian.putU16(m, WireFormat.BODY_OFFSET + WireFormat.FRAME_ROWS_OFFSET, 1 + rnd.nextInt(9));
                LittleEndian.putU16(m, WireFormat.BODY_OFFSET + WireFormat.FRAME_COLS_OFFSET, 1 + rnd.nextInt(9));
                m[WireFormat.BODY_OFFSET + WireFormat.FRAME_ENCODING_OFFSET] = (byte) rnd.nextInt(3);
                m[WireFormat.BODY_OFFSET + WireFormat.FRAME_TIME_OFFSET + 7] &= 0x7F;
            }
            CRC32C crc = new CRC32C();
            crc.update(m, 0, m.length - 4);
            LittleEndian.putU32(m, m.length - 4, crc.getValue());
            MessageReader.read(m, 0, m.length, WireFormat.MAX_BODY_LENGTH, recorder);
        }
        assertThat(recorder.messages.size() + recorder.errors.size()).isEqualTo(50_000);
        assertThat(recorder.errors).extracting(DecodeError::type).contains(DecodeErrorType.MALFORMED,
                DecodeErrorType.BAD_LENGTH, DecodeErrorType.UNKNOWN_TYPE);
    }
}
