package dev.acumat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses of a running JVM, from its safepoint log: switched on from outside
 * with {@code jcmd PID VM.log}, so any of the pipeline's JVMs (ours, the broker, this one) can be
 * watched without starting it differently. Every pause a JVM makes (a collection, deoptimisation,
 * a biased-lock revocation...) is a safepoint, so this is the whole list, not only the collector's.
 */
final class JvmPauses {
    /** {@code [1765140000123ms] Safepoint "G1CollectForAllocation", Time since last: ..., Total: 5520241 ns}. */
    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[(\\d+)ms\\].*Safepoint \"([^\"]+)\".*Total: (\\d+) ns");

    /** One pause: which JVM, why, and when it ended (wall clock). */
    record Pause(String jvm, String reason, long endMillis, double millis) {
        long startMillis() {
            return endMillis - (long) Math.ceil(millis);
        }

        boolean overlaps(long fromMillis, long toMillis) {
            return startMillis() <= toMillis && endMillis >= fromMillis;
        }
    }

    private final String jvm;
    private final Path log;

    private JvmPauses(String jvm, Path log) {
        this.jvm = jvm;
        this.log = log;
    }

    /** The pauses in a safepoint log written before (for tests, and for a log found after a run). */
    static JvmPauses fromLog(String jvm, Path log) {
        return new JvmPauses(jvm, log);
    }

    /** Starts logging the safepoints of process {@code pid} into {@code log}. */
    static JvmPauses watch(String jvm, long pid, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        ProcStats.jcmd(pid, "VM.log output=file=" + log + " what=safepoint=info decorators=timemillis");
        return new JvmPauses(jvm, log);
    }

    /** The pauses logged so far that ended at or after {@code sinceMillis}. */
    List<Pause> since(long sinceMillis) throws IOException {
        List<Pause> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log)) {
            Matcher m = SAFEPOINT.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) >= sinceMillis) {
                out.add(new Pause(jvm, m.group(2), Long.parseLong(m.group(1)), Long.parseLong(m.group(3)) / 1e6));
            }
        }
        return out;
    }
}
