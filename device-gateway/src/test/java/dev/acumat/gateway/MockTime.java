package dev.acumat.gateway;

import java.util.ArrayList;
import java.util.List;

/** Time that moves only when told, or when someone sleeps: sleeping jumps ahead at once. */
public final class MockTime implements Time {
    private long nanos = 5_000_000_000L;
    private long wallMillis = 1_790_000_000_000L;
    public final List<Long> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return wallMillis;
    }

    @Override
    public synchronized void sleep(long millis) {
        sleeps.add(millis);
        advance(millis);
    }

    public synchronized void advance(long millis) {
        nanos += millis * 1_000_000;
        wallMillis += millis;
    }
}
