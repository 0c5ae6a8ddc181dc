package dev.acumat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the threads a live frame passes through waited for a CPU: Linux counts, per thread,
 * the time it was ready to run but queued ({@code /proc/PID/task/TID/schedstat}, second field).
 * Sampled every few milliseconds, the increments say when, along a slow frame's way, the
 * scheduler rather than the program held it up.
 */
final class RunQueueWaits implements AutoCloseable {
    private static final long PERIOD_MILLIS = 5;
    /** Threads come and go (Jetty's pool, reconnects): the list of those to read is renewed this often. */
    private static final long RELIST_MILLIS = 1000;

    /** A thread (process name, thread name) that waited {@code waitedNanos} in the period ending at {@code atMillis}. */
    record Wait(String thread, long atMillis, long waitedNanos) {
    }

    /** A process and the prefixes of its threads' names ({@code /proc/.../comm}, 15 characters at most) to watch. */
    record Watched(String process, long pid, List<String> threadPrefixes) {
    }

    private final List<Watched> watched;
    private final Map<String, Long> last = new HashMap<>();
    /** schedstat file -> "process thread", for the watched threads. */
    private Map<Path, String> threads = Map.of();
    private long listedAt;
    private final List<Wait> waits = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    RunQueueWaits(List<Watched> watched) {
        this.watched = List.copyOf(watched);
        this.sampler = new Thread(this::sampleUntilClosed, "bench-runqueue");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sampleUntilClosed() {
        while (running) {
            long now = System.currentTimeMillis();
            if (now - listedAt >= RELIST_MILLIS) {
                threads = list();
                listedAt = now;
            }
            threads.forEach((schedstat, thread) -> sample(schedstat, thread, now));
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reading only the watched threads' files keeps the sampler's own CPU small (it shares the cores). */
    private Map<Path, String> list() {
        Map<Path, String> out = new HashMap<>();
        for (Watched w : watched) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(w.pid()), "task"))) {
                for (Path task : tasks) {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip();
                    if (w.threadPrefixes().stream().anyMatch(name::startsWith)) {
                        out.put(task.resolve("schedstat"), w.process() + " " + name);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The process or a thread ended while listing: the next listing sees what is left.
            }
        }
        return out;
    }

    private void sample(Path schedstat, String thread, long now) {
        try {
            String[] f = Files.readString(schedstat, StandardCharsets.US_ASCII).strip().split(" ");
            long waited = Long.parseLong(f[1]);
            Long before = last.put(schedstat.toString(), waited);
            if (before != null && waited > before) {
                synchronized (waits) {
                    waits.add(new Wait(thread, now, waited - before));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The thread ended: nothing to count.
        }
    }

    /** Nanoseconds the watched threads waited for a CPU in the periods ending within [from, to]. */
    long waitedNanos(long fromMillis, long toMillis) {
        synchronized (waits) {
            return waits.stream().filter(w -> w.atMillis() >= fromMillis && w.atMillis() <= toMillis + PERIOD_MILLIS)
                    .mapToLong(Wait::waitedNanos).sum();
        }
    }

    /** The thread that waited longest within [from, to], or "" if none waited. */
    String longestWaiter(long fromMillis, long toMillis) {
        Map<String, Long> byThread = new HashMap<>();
        synchronized (waits) {
            waits.stream().filter(w -> w.atMillis() >= fromMillis && w.atMillis() <= toMillis + PERIOD_MILLIS)
                    .forEach(w -> byThread.merge(w.thread(), w.waitedNanos(), Long::sum));
        }
        return byThread.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(e -> e.getKey() + " " + Math.round(e.getValue() / 1e6) + " ms").orElse("");
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(1000);
    }
}
