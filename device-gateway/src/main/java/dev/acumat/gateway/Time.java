package dev.acumat.gateway;

/** The gateway's clocks, injected so tests advance time instead of waiting for it. */
public interface Time {
    /** Monotonic nanoseconds, for intervals and timeouts. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch, for timestamps. */
    long currentTimeMillis();

    void sleep(long millis) throws InterruptedException;

    Time SYSTEM = new Time() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };
}
