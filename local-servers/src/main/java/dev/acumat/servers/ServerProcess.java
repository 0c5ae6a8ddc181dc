package dev.acumat.servers;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The lifecycle {@link LocalKafka} and {@link LocalInflux} share: one server child at a time on
 * loopback ports fixed at start (picked again when another process takes one first), stopped,
 * killed, restarted on the same ports, watched for its exit, and never restarted once closed.
 * What is particular to a server (its files, its process, its readiness) is its {@link Launcher}'s.
 * Instances are thread-safe.
 */
final class ServerProcess {
    /** Both servers flush and shut down cleanly on SIGTERM; this bounds that before SIGKILL. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PORT_ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger(ServerProcess.class.getName());

    /** One running server child: its process, and how to end it. */
    interface Child {
        /** The server's own process (not a wrapper's). */
        Process process();

        /** SIGTERM, up to {@code grace} to exit, then SIGKILL. True if it stopped by itself. */
        boolean terminate(Duration grace) throws InterruptedException;

        /** SIGKILL, as a crash would; waits (bounded) until it is gone. */
        void kill() throws InterruptedException;

        /** Its owner stops it in order: the JVM's shutdown hook leaves it alone. */
        void ownerStops();
    }

    /** Brings a server up on its ports and waits until it is ready; leaves no child behind when it fails. */
    @FunctionalInterface
    interface Launcher {
        Child launch(Instant deadline) throws IOException, InterruptedException;
    }

    /**
     * Names a server in messages.
     *
     * @param server the server ("Kafka", "InfluxDB")
     * @param process its process ("Kafka broker", "influxd")
     * @param startTimeout bound on start-up
     */
    record Spec(String server, String process, Duration startTimeout) {
    }

    private final Spec spec;
    private final int[] ports;
    private final Launcher launcher;
    private Child child;
    private boolean closed;

    private ServerProcess(Spec spec, int[] ports, Launcher launcher) {
        this.spec = spec;
        this.ports = ports;
        this.launcher = launcher;
    }

    /**
     * Starts a server on the ports {@code portFile} chooses ({@code fixed}: one per port, 0 = pick)
     * and keeps them there once it is up. A port picked here that another process takes before the
     * server binds it is picked again; a fixed one that is taken fails at once.
     *
     * @param launcherFor the launcher for a choice of ports, in {@code fixed}'s order
     */
    static ServerProcess start(Spec spec, int[] fixed, PortFile portFile, Function<int[], Launcher> launcherFor)
            throws IOException, InterruptedException {
        for (int port : fixed) {
            if (port != 0 && !LoopbackPorts.isFree(port)) {
                throw new IOException("cannot start " + spec.server() + ": " + LoopbackPorts.address(port)
                        + " is in use by another process");
            }
        }
        Instant deadline = Instant.now().plus(spec.startTimeout());
        for (int attempt = 1; ; attempt++) {
            int[] ports = portFile.choose(fixed, attempt > 1);
            ServerProcess server = new ServerProcess(spec, ports, launcherFor.apply(ports));
            try {
                server.launch(deadline);
                try {
                    portFile.save(ports);
                } catch (IOException | RuntimeException e) {
                    server.close();
                    throw e;
                }
                return server;
            } catch (LoopbackPorts.PortInUseException e) {
                // Another process took a port we picked between our check and the server's bind.
                if (!picked(e.port, ports, fixed) || attempt >= MAX_PORT_ATTEMPTS || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "port clash, picking new ports: {0}", e.getMessage());
            }
        }
    }

    /** True if {@code clashed} (0: the log did not say which) is a port we picked, not one the caller fixed. */
    private static boolean picked(int clashed, int[] ports, int[] fixed) {
        boolean allPicked = true;
        for (int i = 0; i < ports.length; i++) {
            if (fixed[i] == 0 && ports[i] == clashed) {
                return true;
            }
            allPicked &= fixed[i] == 0;
        }
        return clashed == 0 && allPicked;
    }

    /** The port at {@code index}, in the order the server was started with. */
    int port(int index) {
        return ports[index];
    }

    /** The process id of the running server, empty when it is not running. */
    synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(child.process().pid()) : OptionalLong.empty();
    }

    /** True while the server's process is alive. */
    synchronized boolean isRunning() {
        return child != null && child.process().isAlive();
    }

    /** Completes with the exit code when the process running now ends; never, when none runs. */
    synchronized CompletableFuture<Integer> exit() {
        Child c = child;
        if (c == null) {
            return new CompletableFuture<>();
        }
        return c.process().onExit().thenApply(Process::exitValue);
    }

    /** The owner stops the running process itself; the JVM's shutdown hook leaves it alone. */
    synchronized void leaveStopToOwner() {
        if (child != null) {
            child.ownerStops();
        }
    }

    /** SIGTERM, up to {@link #STOP_TIMEOUT}, then SIGKILL. Does nothing when it is not running. */
    synchronized void stop() {
        Child c = child;
        if (c == null) {
            return;
        }
        child = null;
        try {
            if (!c.terminate(STOP_TIMEOUT)) {
                LOG.log(System.Logger.Level.WARNING, "{0} did not stop within {1} s; killed it",
                        spec.process(), STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            c.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, as a crash would; waits until it is gone. */
    synchronized void kill() {
        Child c = child;
        if (c == null) {
            return;
        }
        child = null;
        try {
            c.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the server again on the same ports (stopping it first if it runs).
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws IOException if it does not come up, or another process has taken one of its ports
     */
    synchronized void restart() throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("closed: " + spec.process() + " at " + LoopbackPorts.address(ports[0]));
        }
        stop();
        for (int kept : ports) {
            if (!LoopbackPorts.isFree(kept)) {
                throw new IOException("cannot restart " + spec.server() + " on the same ports: "
                        + LoopbackPorts.address(kept) + " is now in use by another process");
            }
        }
        launch(Instant.now().plus(spec.startTimeout()));
    }

    /** Stops the server; it cannot be restarted after. */
    synchronized void close() {
        closed = true;
        stop();
    }

    private synchronized void launch(Instant deadline) throws IOException, InterruptedException {
        long started = System.nanoTime();
        child = launcher.launch(deadline);
        LOG.log(System.Logger.Level.DEBUG, "{0} up at {1} in {2} ms", spec.process(),
                LoopbackPorts.address(ports[0]), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
