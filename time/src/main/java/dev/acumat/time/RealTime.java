package dev.acumat.time;

/**
 * The JVM's clocks with a way of waiting of one's own: {@link Time#SYSTEM} waits with
 * {@link Thread#sleep}; a test may wake a backoff early, a harness note when each wait ends, while
 * the time they read stays the real one.
 */
public interface RealTime extends Time {
    @Override
    default long nanoTime() {
        return System.nanoTime();
    }

    @Override
    default long currentTimeMillis() {
        return System.currentTimeMillis();
    }
}
