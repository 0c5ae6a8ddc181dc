package dev.acumat.time;

import java.time.Duration;

/** {@link Time#SYSTEM}: the JVM's clocks and {@link Thread#sleep}. */
final class SystemTime implements RealTime {
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        // A negative wait sleeps 0, which still answers an interrupt, as every sleep here should.
        Duration d = duration.isNegative() ? Duration.ZERO : duration;
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }

    @Override
    public String toString() {
        return "Time.SYSTEM";
    }
}
