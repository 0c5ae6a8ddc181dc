package dev.acumat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starting the real launcher and real helper programs from tests, and stopping every one of them:
 * made with a directory and closed by the test, or, made without one, registered as a JUnit
 * extension ({@code @RegisterExtension final Processes processes = new Processes();}) that gives
 * each test a fresh directory and stops what it started after it.
 */
final class Processes implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    private final List<Process> started = new ArrayList<>();
    private Path tmp;
    private boolean ownsTmp;

    Processes(Path tmp) {
        this.tmp = tmp;
    }

    /** Processes of each test in turn, as a registered extension. */
    Processes() {
        this.ownsTmp = true;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (ownsTmp) {
            tmp = Files.createTempDirectory("acumat-it");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
        close();
        if (ownsTmp && tmp != null) {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The launcher jar as the build left it, in a JVM of its own. */
    Process acumat(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Djava.io.tmpdir=" + tmp, "-jar",
                Path.of("target/acumat.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return start(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE));
    }

    /** The launcher jar with stdout and stderr into {@code log}, for processes that run long and log much. */
    Process acumatLogged(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Djava.io.tmpdir=" + tmp, "-jar",
                Path.of("target/acumat.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
    }

    /**
     * The test's directory: its processes' {@code java.io.tmpdir}, and, for a registered extension,
     * the place for the test's own files (ptys, logs, spools), removed after the test.
     */
    Path dir() {
        return tmp;
    }

    Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** A socat pair of ptys, linked at {@code a} and {@code b}; returns once both links exist. */
    Process ptyPair(Path a, Path b) throws IOException, InterruptedException {
        Process socat = start(new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true));
        waitFor("socat links " + a + " and " + b, () -> Files.exists(a) && Files.exists(b) || !socat.isAlive());
        if (!socat.isAlive()) {
            throw new IOException("socat exited with " + socat.exitValue() + ": "
                    + new String(socat.getInputStream().readAllBytes()));
        }
        return socat;
    }

    /** Live processes whose command line names {@code dir}: what a run using it left behind. */
    static List<ProcessHandle> naming(Path dir) {
        String name = dir.toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(name)).orElse(false))
                .toList();
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Polls a condition until it holds, failing after 20 seconds. */
    static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        waitFor(what, 20, condition);
    }

    /** Polls a condition until it holds, failing after {@code seconds}. */
    static void waitFor(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            synchronized (monitor) {
                monitor.wait(10);
            }
        }
    }

    /** Ctrl-C: SIGINT to the process (a JVM runs its shutdown hooks, as on a terminal). */
    static void interrupt(Process p) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            stop(p);
        }
        started.clear();
    }
}
