package dev.acumat.simulator;

/** A clock that jumps to every deadline instead of waiting for it. */
final class FakeTicker implements Ticker {
    long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepUntil(long deadline) {
        if (deadline - now > 0) {
            now = deadline;
        }
    }
}
