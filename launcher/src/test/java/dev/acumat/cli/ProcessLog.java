package dev.acumat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The log file of a process a test started: read whole for assertions, and attached to a failed wait. */
final class ProcessLog {
    private ProcessLog() {
    }

    static String log(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The word after {@code PREFIX: } on the first line of the log that is just that, or null. */
    static String line(Path file, String prefix) {
        Matcher m = Pattern.compile("^" + Pattern.quote(prefix) + ": (\\S+)$", Pattern.MULTILINE).matcher(log(file));
        return m.find() ? m.group(1) : null;
    }

    /**
     * Waits up to 90 seconds for a condition; on a timeout the failure carries the log. The bound
     * is generous: a broker just restarted by another test takes a while on a loaded machine.
     */
    static void waitLogged(String what, Path log, BooleanSupplier condition) throws InterruptedException {
        waitLogged(90, what, log, condition);
    }

    /** Waits up to {@code seconds} for a condition; on a timeout the failure carries the log. */
    static void waitLogged(int seconds, String what, Path log, BooleanSupplier condition) throws InterruptedException {
        try {
            Processes.waitFor(what, seconds, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; log " + log + ":\n" + log(log), e);
        }
    }

    /**
     * Copies every log under {@code dirs} into {@code to}, each named by its path below its
     * directory: a failed run's logs kept past the temporary directories that go with the test.
     * Not the broker's segment files (kafka-logs/*.log): those are the topics' data.
     */
    static void keep(Path to, Path... dirs) throws IOException {
        Files.createDirectories(to);
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")
                        && !dir.relativize(p).toString().contains("kafka-logs")).toList()) {
                    Files.copy(f, to.resolve(dir.relativize(f).toString().replace('/', '_')));
                }
            }
        }
    }
}
