package dev.acumat.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where the live view's slow frames lost their time: for each frame over the target, the
 * stop-the-world pauses of the pipeline's JVMs that overlap its way (generator, broker,
 * analytics, this client), and how long the threads on that way waited for a CPU.
 */
final class LatencyTail {
    /** A pause this long within a frame's way is counted as its cause. */
    private static final double PAUSE_MILLIS = 5;
    /** Time the path's threads spent queued for a CPU that is counted as the cause. */
    private static final long WAIT_NANOS = 10_000_000;

    private LatencyTail() {
    }

    /** Where the slow frames of one measurement lost their time: a short line for the table, the causes in detail. */
    record Explanation(String summary, String detail) {
    }

    /** Counts, for each frame over the target, the cause that explains it (a pause first, then the wait for a CPU). */
    static Explanation explain(List<LiveProbe.Slow> slow, List<JvmPauses.Pause> pauses, RunQueueWaits waits) {
        if (slow.isEmpty()) {
            return new Explanation("no frame over " + LiveProbe.SLOW_MICROS / 1000 + " ms", pauseSummary(pauses));
        }
        Map<String, Integer> causes = new TreeMap<>();
        int paused = 0;
        int waited = 0;
        for (LiveProbe.Slow s : slow) {
            long from = s.arrivedMillis() - (long) Math.ceil(s.latencyMillis());
            long to = s.arrivedMillis();
            java.util.Optional<JvmPauses.Pause> pause = pauses.stream()
                    .filter(p -> p.millis() >= PAUSE_MILLIS && p.overlaps(from, to))
                    .max(java.util.Comparator.comparingDouble(JvmPauses.Pause::millis));
            String cause;
            if (pause.isPresent()) {
                paused++;
                cause = "pause: " + pause.get().jvm() + " " + pause.get().reason();
            } else if (waits.waitedNanos(from, to) >= WAIT_NANOS) {
                waited++;
                cause = "waited for a CPU: " + waits.longestWaiter(from, to).replaceAll(" \\d+ ms$", "");
            } else {
                cause = "neither";
            }
            causes.merge(cause, 1, Integer::sum);
        }
        double worst = slow.stream().mapToDouble(LiveProbe.Slow::latencyMillis).max().orElse(0);
        String summary = String.format(Locale.ROOT, "%d over %d ms (worst %.0f): %d in a pause, %d waiting for a CPU,"
                + " %d neither", slow.size(), LiveProbe.SLOW_MICROS / 1000, worst, paused, waited,
                slow.size() - paused - waited);
        String detail = causes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining("; ")) + "; pauses: " + pauseSummary(pauses);
        return new Explanation(summary, detail);
    }

    /** The longest pauses of each JVM in a window, for the doc: "analytics 3 pauses, longest 12 ms (G1...)". */
    private static String pauseSummary(List<JvmPauses.Pause> pauses) {
        return pauses.stream().collect(Collectors.groupingBy(JvmPauses.Pause::jvm, TreeMap::new, Collectors.toList()))
                .entrySet().stream().map(e -> {
                    JvmPauses.Pause longest = e.getValue().stream()
                            .max(java.util.Comparator.comparingDouble(JvmPauses.Pause::millis)).orElseThrow();
                    long over5 = e.getValue().stream().filter(p -> p.millis() >= PAUSE_MILLIS).count();
                    return String.format(Locale.ROOT, "%s %d pauses, %d of them >= 5 ms, longest %.1f ms (%s)",
                            e.getKey(), e.getValue().size(), over5, longest.millis(), longest.reason());
                }).collect(Collectors.joining("; "));
    }
}
