package dev.acumat.simulator;

/** The simulator's sense of time, injected so tests run without waiting. */
public interface Ticker {
    long nanoTime();

    /** Returns at or after {@code deadline} (a {@link #nanoTime()} value); at once if it has passed. */
    void sleepUntil(long deadline) throws InterruptedException;

    /** The real monotonic clock. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            long wait;
            while ((wait = deadline - System.nanoTime()) > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    };
}
