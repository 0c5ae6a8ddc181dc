package dev.acumat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Operations per second of this thread's CPU time. On a machine that others share, wall-clock
 * throughput says as much about the neighbours as about the code; the thread's own CPU time
 * leaves out the time it waited for a core (not the caches it lost to them).
 */
public final class CpuRate {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuRate() {
    }

    /**
     * Runs {@code batch} (which returns how many operations it did) for {@code warmUpSeconds},
     * then for {@code seconds} of CPU time, and returns the operations per CPU second.
     */
    public static double measure(LongSupplier batch, double warmUpSeconds, double seconds) {
        long warmEnd = THREADS.getCurrentThreadCpuTime() + (long) (warmUpSeconds * 1e9);
        while (THREADS.getCurrentThreadCpuTime() < warmEnd) {
            batch.getAsLong();
        }
        long start = THREADS.getCurrentThreadCpuTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        long now;
        do {
            ops += batch.getAsLong();
            now = THREADS.getCurrentThreadCpuTime();
        } while (now < end);
        return ops / ((now - start) / 1e9);
    }
}
