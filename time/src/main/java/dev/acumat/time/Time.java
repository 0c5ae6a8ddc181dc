package dev.acumat.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The passing of time, injected wherever code reads a clock or waits, so that tests move it by
 * hand ({@link ManualTime}) instead of waiting for it. {@link #SYSTEM} is the real one.
 *
 * <p>It is the project's only clock: no {@link java.time.Clock} is passed around beside it. The
 * JDK's date APIs that want "now" get {@link #instant()} ({@code LocalDate.ofInstant(time.instant(),
 * zone)} rather than {@code LocalDate.now(clock)}), so no {@code Clock} view is offered: it would be a
 * second way to read the same time, and nothing needs it.
 */
public interface Time {
    /** The real clocks: {@link System#nanoTime}, {@link System#currentTimeMillis}, {@link Thread#sleep}. */
    Time SYSTEM = new SystemTime();

    /** Monotonic nanoseconds, for intervals, timeouts and deadlines; only differences mean anything. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch, for timestamps. */
    long currentTimeMillis();

    /** {@link #currentTimeMillis()} as an instant. */
    default Instant instant() {
        return Instant.ofEpochMilli(currentTimeMillis());
    }

    /** Returns after {@code duration}, or at once when it is zero or negative. */
    void sleep(Duration duration) throws InterruptedException;

    /** Returns at or after {@code deadline} (a {@link #nanoTime()} value); at once if it has passed. */
    default void sleepUntil(long deadline) throws InterruptedException {
        long wait;
        while ((wait = deadline - nanoTime()) > 0) {
            sleep(Duration.ofNanos(wait));
        }
    }
}
