package dev.acumat.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The test double of {@link Time}: it moves only when told ({@link #advance}) or when someone
 * sleeps, and a sleep jumps ahead at once, so code that waits runs in no time and a test reads
 * what it waited ({@link #sleeps()}). The monotonic and the wall clock move together. Every
 * method is synchronized, so threads of one test may share it; a sleep never blocks.
 *
 * <p>It lives in the main code, not in a test, so that every module's tests take the same one.
 */
public final class ManualTime implements Time {
    /** What {@link #whenSleeping} runs at each sleep. */
    @FunctionalInterface
    public interface SleepAction {
        /** Called after the clocks moved by {@code slept}; may throw to end the sleeper's wait as an interrupt would. */
        void slept(Duration slept) throws InterruptedException;
    }

    private final long origin;
    private long nanos;
    private long wallMillis;
    private final List<Duration> sleeps = new ArrayList<>();
    private SleepAction onSleep = d -> { };

    /** At an arbitrary monotonic reading (5 s) and wall time (2026-09-21T13:46:40Z). */
    public ManualTime() {
        this(5_000_000_000L, 1_790_000_000_000L);
    }

    /** At the given monotonic nanoseconds and wall-clock epoch milliseconds. */
    public ManualTime(long nanoTime, long wallMillis) {
        this.origin = nanoTime;
        this.nanos = nanoTime;
        this.wallMillis = wallMillis;
    }

    /** At the given wall time (the monotonic clock at 5 s). */
    public static ManualTime at(Instant wall) {
        return new ManualTime(5_000_000_000L, wall.toEpochMilli());
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return wallMillis;
    }

    /** Records the sleep, moves both clocks by it (nothing for zero or less) and runs {@link #whenSleeping}. */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        SleepAction action;
        Duration slept = duration.isNegative() ? Duration.ZERO : duration;
        synchronized (this) {
            sleeps.add(slept);
            move(slept.toNanos());
            action = onSleep;
        }
        // Outside the lock: the action may wait for or wake other threads that read this time.
        action.slept(slept);
    }

    /** Moves both clocks forward (a wall clock changed by hand is not modelled). */
    public synchronized ManualTime advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + d);
        }
        move(d.toNanos());
        return this;
    }

    /** {@link #advance} by milliseconds. */
    public ManualTime advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }

    /** Every sleep so far, in order (a {@link #sleepUntil} is one or more of them). */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** {@link #sleeps()} in milliseconds. */
    public synchronized List<Long> sleptMillis() {
        return sleeps.stream().map(Duration::toMillis).toList();
    }

    /** Runs {@code action} at each following sleep, e.g. to stop the sleeper or to let another thread on. */
    public synchronized ManualTime whenSleeping(SleepAction action) {
        this.onSleep = Objects.requireNonNull(action, "action");
        return this;
    }

    private void move(long deltaNanos) {
        // The wall clock keeps whole milliseconds; sub-millisecond moves accumulate in the monotonic one.
        long before = nanos;
        nanos += deltaNanos;
        wallMillis += Math.floorDiv(nanos - origin, 1_000_000) - Math.floorDiv(before - origin, 1_000_000);
    }
}
