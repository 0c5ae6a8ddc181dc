package dev.acumat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program of ours (or Kafka's) in a JVM of its own, on the benchmark's classpath, with its
 * output in a log file: so that its CPU time and memory are its own and can be read from /proc.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code jvmOptions} and {@code args}; output goes to {@code log}. */
    public static ChildJvm start(String name, List<String> jvmOptions, String mainClass, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // jSerialComm unpacks its native library under java.io.tmpdir: the run's own directory.
        command.add("-Djava.io.tmpdir=" + log.getParent());
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // As the acumat script runs them: glibc's malloc arenas limited to two.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process p = builder.start();
        return new ChildJvm(name, p, log);
    }

    /**
     * {@code options} and whatever the system property {@code bench.childJvmOptions} adds
     * (space-separated), e.g. {@code -XX:StartFlightRecording=filename=child.jfr} to profile.
     */
    public static List<String> options(String... options) {
        // As the acumat script runs them: out of memory is an exit, not a dead thread, and the JDK
        // keeps no large temporary direct buffers.
        List<String> out = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError",
                "-Djdk.nio.maxCachedBufferSize=262144"));
        out.addAll(List.of(options));
        String extra = System.getProperty("bench.childJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            out.addAll(List.of(extra.split("\\s+")));
        }
        return out;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The process's CPU time so far (user + system), from /proc. */
    public double cpuSeconds() throws IOException {
        return ProcStats.cpuSeconds(pid());
    }

    /** Waits for the program to end by itself; its exit code. */
    public int waitFor(long timeout, TimeUnit unit) throws InterruptedException, IOException {
        if (!process.waitFor(timeout, unit)) {
            throw new IOException(name + " did not finish within " + timeout + " " + unit + "; see " + log);
        }
        return process.exitValue();
    }

    /** The log's text, for parsing what the program printed. */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM (the programs shut down cleanly on it), then SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
