package dev.acumat.servers;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One running {@code influxd} child and its watchdog, and the rules that keep it from outliving
 * this JVM.
 *
 * <p>influxd is a native program, so the stdin trick of {@link ChildMain} does not apply. Instead a
 * tiny watchdog ({@code sh} running {@code cat}) holds a pipe from this JVM: when the JVM dies, even
 * by SIGKILL, the pipe closes, {@code cat} returns, and the watchdog sends influxd SIGTERM (SIGKILL
 * after 10 s). It checks {@code /proc/PID/cmdline} for our config path first, so a recycled pid is
 * never hit. A shutdown hook covers ordinary exits, stopping influxd gracefully.
 */
final class InfluxProcess implements ServerProcess.Child {
    /** Where Debian's {@code influxdb} package puts the server, when it is not on the PATH. */
    private static final List<String> WELL_KNOWN = List.of("/usr/bin/influxd", "/usr/sbin/influxd");
    private static final Duration HOOK_GRACE = Duration.ofSeconds(10);
    private static final String WATCHDOG_SCRIPT = String.join("\n",
            "cat >/dev/null 2>&1",
            "ours() { grep -qaF -- \"$2\" \"/proc/$1/cmdline\" 2>/dev/null; }",
            "ours \"$1\" \"$2\" || exit 0",
            "kill -TERM \"$1\" 2>/dev/null",
            "i=0",
            "while [ $i -lt 100 ] && ours \"$1\" \"$2\"; do sleep 0.1; i=$((i+1)); done",
            "ours \"$1\" \"$2\" && kill -KILL \"$1\" 2>/dev/null",
            "exit 0");

    private static final Set<InfluxProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(InfluxProcess::stopAll, "acumat-influxd-reaper"));
    }

    private final Process influxd;
    private final Process watchdog;

    private InfluxProcess(Process influxd, Process watchdog) {
        this.influxd = influxd;
        this.watchdog = watchdog;
    }

    /**
     * The influxd to run: {@code configured} if given, else {@code influxd} on the PATH, else
     * where Debian installs it.
     */
    static Path find(Path configured) throws IOException {
        if (configured != null) {
            if (Files.isRegularFile(configured) && Files.isExecutable(configured)) {
                return configured;
            }
            throw new IOException("influxd not found at " + configured + ": install the Debian package influxdb"
                    + " (apt-get install influxdb) or pass --influx URL");
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "influxd"));
                }
            }
        }
        WELL_KNOWN.forEach(p -> candidates.add(Path.of(p)));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("influxd not found: install the Debian package influxdb (apt-get install influxdb)"
                + " or pass --influx URL");
    }

    /**
     * Refuses to start a second influxd on one data directory (two would corrupt it): influxd has
     * no lock file, but it writes its pid, and a live process with our config on its command line
     * is proof enough.
     */
    static void checkNotRunning(Path pidFile, Path config) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
        try {
            long pid = Long.parseLong(text);
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && commandLineHas(pid, config)) {
                throw new IOException("another influxd (pid " + pid + ") is already running on " + config.getParent()
                        + ": stop it first");
            }
        } catch (NumberFormatException e) {
            // A torn pid file from a crash: nothing is running.
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean commandLineHas(long pid, Path config) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains(config.toString());
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts {@code influxd run -config CONFIG -pidfile PIDFILE}, output appended to {@code logFile}. */
    static InfluxProcess start(Path binary, Path config, Path pidFile, Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(OwnSession.command(List.of(binary.toString(), "run", "-config",
                config.toString(), "-pidfile", pidFile.toString())))
                .directory(config.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()));
        // influxd lets INFLUXDB_* variables override its config file (INFLUXDB_HTTP_BIND_ADDRESS...):
        // ours must win, whatever the user's shell exports.
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("INFLUXDB_"));
        Process influxd = builder.start();
        influxd.getOutputStream().close();
        Process watchdog;
        try {
            watchdog = new ProcessBuilder(OwnSession.command(List.of("sh", "-c", WATCHDOG_SCRIPT,
                    "acumat-influxd-watchdog", Long.toString(influxd.pid()), config.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            influxd.destroyForcibly();
            throw e;
        }
        InfluxProcess process = new InfluxProcess(influxd, watchdog);
        LIVE.add(process);
        return process;
    }

    @Override
    public Process process() {
        return influxd;
    }

    @Override
    public boolean terminate(Duration grace) throws InterruptedException {
        influxd.destroy();
        boolean graceful = influxd.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!graceful) {
            influxd.destroyForcibly();
            influxd.waitFor(10, TimeUnit.SECONDS);
        }
        dismissWatchdog();
        return graceful;
    }

    @Override
    public void kill() throws InterruptedException {
        influxd.destroyForcibly();
        influxd.waitFor(10, TimeUnit.SECONDS);
        dismissWatchdog();
    }

    /** Ends the watchdog (SIGKILL, so it does not act on the closing pipe) once influxd is gone. */
    private void dismissWatchdog() throws InterruptedException {
        if (influxd.isAlive()) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>();
        watchdog.descendants().forEach(children::add);
        watchdog.toHandle().destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        watchdog.waitFor(10, TimeUnit.SECONDS);
        LIVE.remove(this);
    }

    /** Leaves stopping influxd to its owner (see ChildProcesses.ownerStops); the watchdog still guards it. */
    @Override
    public void ownerStops() {
        LIVE.remove(this);
    }

    private static void stopAll() {
        List<InfluxProcess> processes = new ArrayList<>(LIVE);
        processes.forEach(p -> p.influxd.destroy());
        long deadline = System.nanoTime() + HOOK_GRACE.toNanos();
        for (InfluxProcess p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.influxd.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.influxd.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.influxd.destroyForcibly();
            }
        }
        // The watchdogs go when this JVM does: their pipes close and they find nothing to stop.
    }
}
