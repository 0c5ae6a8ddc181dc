package dev.acumat.simulator;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A noisy line between the simulated mat and the host, for testing receivers: bursts of random
 * bytes between messages, and random bit errors inside them. The frames it damages are exactly
 * the ones a receiver must reject and count; the ones it leaves intact must all get through.
 */
public final class NoisyPortLink extends FilterPortLink {
    static final int MAX_BURST = 64;

    private final double garbageRate;
    private final double byteErrorRate;
    private final SplittableRandom random;

    /**
     * @param garbageRate   probability, per message, of a burst of 1..64 random bytes before it
     * @param byteErrorRate probability, per byte, of one flipped bit
     */
    public NoisyPortLink(PortLink line, double garbageRate, double byteErrorRate, long seed) {
        super(line);
        if (!(garbageRate >= 0 && garbageRate <= 1) || !(byteErrorRate >= 0 && byteErrorRate <= 1)) {
            throw new IllegalArgumentException("rates must be in 0..1: " + garbageRate + ", " + byteErrorRate);
        }
        this.garbageRate = garbageRate;
        this.byteErrorRate = byteErrorRate;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (garbageRate > 0 && random.nextDouble() < garbageRate) {
            byte[] burst = new byte[1 + random.nextInt(MAX_BURST)];
            random.nextBytes(burst);
            below.write(burst);
        }
        if (byteErrorRate > 0) {
            bytes = bytes.clone();
            for (int i = 0; i < bytes.length; i++) {
                if (random.nextDouble() < byteErrorRate) {
                    bytes[i] ^= (byte) (1 << random.nextInt(8));
                }
            }
        }
        below.write(bytes);
    }
}
