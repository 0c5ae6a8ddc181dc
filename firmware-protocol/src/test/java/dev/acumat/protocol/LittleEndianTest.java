package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LittleEndianTest {
    @Test
    void indexOfZeroFindsTheFirstZeroAtEveryPlaceAndAlignment() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[rnd.nextInt(0, 40)];
            for (int j = 0; j < b.length; j++) {
                // 0x01 and 0x80 next to a zero are what a word-at-a-time test gets wrong.
                int pick = rnd.nextInt(6);
                b[j] = (byte) (pick == 0 ? 0 : pick == 1 ? 1 : pick == 2 ? 0x80 : rnd.nextInt(1, 256));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int end = from + rnd.nextInt(b.length - from + 1);
            int expected = from;
            while (expected < end && b[expected] != 0) {
                expected++;
            }
            assertThat(LittleEndian.indexOfZero(b, from, end)).isEqualTo(expected);
        }
    }

    @Test
    void s16IsLittleEndian() {
        assertThat(LittleEndian.s16(new byte[] {9, 0x34, (byte) 0xF2}, 1)).isEqualTo((short) 0xF234);
    }
}
