package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CobsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String encode(String hex) {
        byte[] in = HEX.parseHex(hex);
        byte[] out = new byte[Cobs.maxEncodedLength(in.length)];
        return HEX.formatHex(out, 0, Cobs.encode(in, 0, in.length, out, 0));
    }

    @ParameterizedTest
    @CsvSource({"'', 01", "00, 0101", "0000, 010101", "11220033, 03112202 33", "112233, 04112233",
            "1100, 021101"})
    void knownEncodings(String raw, String stuffed) {
        assertThat(encode(raw)).isEqualTo(stuffed.replace(" ", ""));
    }

    @Test
    void blocksOf254NonZeroBytesUseCodeFF() {
        byte[] in = new byte[254];
        Arrays.fill(in, (byte) 1);
        String out = encode(HEX.formatHex(in));
        assertThat(out).startsWith("ff").endsWith("0101");
        assertThat(out.length() / 2).isEqualTo(256);
    }

    @Test
    void randomRoundTrips() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            byte[] in = new byte[rnd.nextInt(1200)];
            for (int j = 0; j < in.length; j++) {
                in[j] = (byte) (rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(256));
            }
            byte[] buf = new byte[Cobs.maxEncodedLength(in.length)];
            int n = Cobs.encode(in, 0, in.length, buf, 0);
            for (int j = 0; j < n; j++) {
                assertThat(buf[j]).isNotZero();
            }
            byte[] copy = Arrays.copyOf(buf, n);
            assertThat(Cobs.decodeInPlace(buf, n)).isEqualTo(in.length);
            assertThat(Arrays.copyOf(buf, in.length)).isEqualTo(in);
            assertThat(Cobs.decodeZeroFreeInPlace(copy, n)).isEqualTo(in.length);
            assertThat(Arrays.copyOf(copy, in.length)).isEqualTo(in);
        }
    }

    /** Short blocks, then full ones, then short ones again: the zero-free decoder changes its way mid-message. */
    @Test
    void fullBlocksAfterShortOnesRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 500; i++) {
            byte[] in = new byte[rnd.nextInt(1, 1500)];
            int longFrom = rnd.nextInt(in.length);
            int longTo = Math.min(in.length, longFrom + rnd.nextInt(200, 700));
            for (int j = 0; j < in.length; j++) {
                boolean zeroAllowed = j < longFrom || j >= longTo;
                in[j] = (byte) (zeroAllowed && rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1, 256));
            }
            byte[] buf = new byte[Cobs.maxEncodedLength(in.length)];
            int n = Cobs.encode(in, 0, in.length, buf, 0);
            assertThat(Cobs.decodeZeroFreeInPlace(buf, n)).isEqualTo(in.length);
            assertThat(Arrays.copyOf(buf, in.length)).isEqualTo(in);
        }
    }

    @Test
    void rejectsCodesPointingPastTheEnd() {
        assertThat(Cobs.decodeInPlace(HEX.parseHex("051122"), 3)).isEqualTo(-1);
        assertThat(Cobs.decodeInPlace(HEX.parseHex("021100"), 3)).isEqualTo(-1);
        assertThat(Cobs.decodeZeroFreeInPlace(HEX.parseHex("051122"), 3)).isEqualTo(-1);
        assertThat(Cobs.decodeZeroFreeInPlace(HEX.parseHex("0211051122"), 5)).isEqualTo(-1);
    }
}
