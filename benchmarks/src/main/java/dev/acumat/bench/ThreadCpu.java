package dev.acumat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's CPU time per thread, from Linux's /proc/PID/task/TID: each thread's name (as the
 * kernel keeps it, 15 characters) and its nanoseconds on a CPU ({@code schedstat}, nanosecond
 * resolution where {@code stat}'s ticks are 10 ms: a thread at 1 % of a core gets 10 ticks in
 * 10 s). Threads of one kind (numbered compiler or GC threads) are summed under one name.
 */
final class ThreadCpu {
    private ThreadCpu() {
    }

    /** Nanoseconds on a CPU so far, per thread kind, of the living threads of {@code pid}. */
    static Map<String, Long> snapshot(long pid) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = kind(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip());
                    String schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII);
                    long nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                    out.merge(name, nanos, Long::sum);
                } catch (NoSuchFileException ended) {
                    // The thread ended between the listing and the read: its time is in the process's total.
                }
            }
        }
        return out;
    }

    /** What each kind of thread used between two snapshots, in nanoseconds; kinds that used nothing are left out. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((name, nanos) -> {
            long d = nanos - before.getOrDefault(name, 0L);
            if (d > 0) {
                out.put(name, d);
            }
        });
        return out;
    }

    /** "C2 CompilerThre0" and "C2 CompilerThre1", "GC Thread#0" and "#1": one kind each. */
    static String kind(String comm) {
        return comm.replaceAll("[#]?[0-9]+$", "").strip();
    }
}
