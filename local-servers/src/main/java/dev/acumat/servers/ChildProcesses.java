package dev.acumat.servers;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts child JVMs and makes sure none outlives this JVM: every child is registered with one
 * shutdown hook, which stops those still running (SIGTERM, then SIGKILL after a grace period),
 * and every child runs under {@link ChildMain}, which exits when this JVM's end of its stdin
 * pipe closes (covers SIGKILL of this JVM, where no hook runs).
 */
final class ChildProcesses {
    /** How long the shutdown hook lets children stop gracefully before killing them. */
    private static final Duration HOOK_GRACE = Duration.ofSeconds(10);

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "acumat-child-reaper"));
    }

    private ChildProcesses() {
    }

    /**
     * Starts {@code java [jvmOptions] -cp CLASSPATH ChildMain mainClass [args]} in {@code workDir},
     * stdout and stderr appended to {@code logFile}, stdin a pipe held by this JVM.
     */
    static Process startJava(Path workDir, List<String> jvmOptions, List<Path> classpath, String mainClass,
                             List<String> args, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        List<Path> fullClasspath = new ArrayList<>();
        Path ownCode = ownCodeLocation();
        if (ownCode != null && !classpath.contains(ownCode)) {
            fullClasspath.add(ownCode);
        }
        fullClasspath.addAll(classpath);
        command.add("-cp");
        command.add(fullClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        command.addAll(args);

        Process process = new ProcessBuilder(OwnSession.command(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .start();
        LIVE.add(process);
        return process;
    }

    /**
     * SIGTERM to the process and its descendants, waits up to {@code grace} for them to exit, then
     * SIGKILL for whatever is left. Returns true if the process ended within the grace period.
     */
    static boolean terminate(Process process, Duration grace) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        // Signal through the handle: Process.destroy() would also close the child's stdin, which
        // ChildMain takes for "the parent is gone". The signal alone is the cleaner stop.
        process.toHandle().destroy();
        descendants.forEach(ProcessHandle::destroy);
        boolean graceful = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!graceful) {
            kill(process);
        } else {
            killAll(descendants);
            forget(process);
        }
        return graceful;
    }

    /** SIGKILL to the process and its descendants; waits (bounded) until the process is gone. */
    static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.toHandle().destroyForcibly();
        killAll(descendants);
        process.waitFor(10, TimeUnit.SECONDS);
        forget(process);
    }

    /**
     * Leaves stopping {@code process} to its owner, who stops it in order with the rest of what
     * it runs: the shutdown hook no longer stops it at the first signal. Its stdin pipe still
     * ends it if this JVM dies without stopping it.
     */
    static void ownerStops(Process process) {
        LIVE.remove(process);
    }

    /** A started broker child as the {@link ServerProcess.Child} of its server. */
    static ServerProcess.Child serverChild(Process process) {
        return new JvmChild(process);
    }

    /** Forgets a process that has exited and closes our end of its stdin. */
    static void forget(Process process) {
        if (!process.isAlive()) {
            LIVE.remove(process);
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // Nothing to do: the process is gone.
            }
        }
    }

    private static void killAll(List<ProcessHandle> handles) {
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    private static void stopAll() {
        List<Process> processes = new ArrayList<>(LIVE);
        List<ProcessHandle> all = new ArrayList<>();
        for (Process process : processes) {
            process.descendants().forEach(all::add);
            all.add(process.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + HOOK_GRACE.toNanos();
        for (Process process : processes) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    process.waitFor(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        killAll(all);
    }

    /** A child JVM ended through this class: its descendants go with it, the shutdown hook forgets it. */
    private record JvmChild(Process process) implements ServerProcess.Child {
        @Override
        public boolean terminate(Duration grace) throws InterruptedException {
            return ChildProcesses.terminate(process, grace);
        }

        @Override
        public void kill() throws InterruptedException {
            ChildProcesses.kill(process);
        }

        @Override
        public void ownerStops() {
            ChildProcesses.ownerStops(process);
        }
    }

    /** The jar or class directory this module's classes come from (it holds {@link ChildMain}). */
    private static Path ownCodeLocation() {
        CodeSource source = ChildMain.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
