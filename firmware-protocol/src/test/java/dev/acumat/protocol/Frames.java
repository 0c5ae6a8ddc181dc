package dev.acumat.protocol;

import java.util.List;
import java.util.SplittableRandom;

/** Frames and messages for tests, random but reproducible from a seed. */
final class Frames {
    private Frames() {
    }

    /** A frame where each cell is non-zero with probability {@code density}, below 2^bits. */
    static PressureFrame random(SplittableRandom rnd, int rows, int cols, int bits, double density) {
        int[] v = new int[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() < density ? 1 + rnd.nextInt((1 << bits) - 1) : 0;
        }
        return new PressureFrame(rnd.nextLong(1L << 32), rnd.nextLong(Long.MAX_VALUE), rows, cols, v);
    }

    static PressureFrame random(SplittableRandom rnd) {
        return random(rnd, 1 + rnd.nextInt(128), 1 + rnd.nextInt(128), rnd.nextBoolean() ? 12 : 16,
                rnd.nextDouble());
    }

    static DeviceInfo deviceInfo() {
        return new DeviceInfo("mat-7", 1, 0, 4, 32, 20, 22_000, 22_000, 12, 40_000, 12,
                List.of(new CalibrationPoint(13, 0), new CalibrationPoint(2000, 15_000)));
    }
}
