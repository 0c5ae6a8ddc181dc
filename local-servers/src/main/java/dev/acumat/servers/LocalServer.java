package dev.acumat.servers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link LocalKafka} and {@link LocalInflux} share: a server run as a child process on
 * loopback ports that stay the same across {@link #restart()}s, with its data and log in one
 * directory, stopped gracefully, killed as a crash would, and never outliving this JVM.
 * Instances are thread-safe.
 */
public abstract class LocalServer implements AutoCloseable {
    private final Path dataDir;
    private final Path logFile;
    private final ServerProcess server;

    LocalServer(Path dataDir, Path logFile, ServerProcess server) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.server = server;
    }

    /** The port at {@code index}, in the order the server was started with. */
    final int port(int index) {
        return server.port(index);
    }

    /** The data directory (absolute). */
    public final Path dataDir() {
        return dataDir;
    }

    /** The server's output (stdout and stderr of its process), appended across runs. */
    public final Path logFile() {
        return logFile;
    }

    /** The process id of the running server, empty when it is not running. */
    public final OptionalLong pid() {
        return server.pid();
    }

    /** True while the server's process is alive. */
    public final boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Completes with the exit code when the process running now ends, whether it dies by itself
     * (a crash, the OOM killer, SIGKILL from outside) or is stopped; the owner tells the two apart.
     * Never completes when none runs. The demo watches it to report a dead server at once.
     */
    public final CompletableFuture<Integer> exit() {
        return server.exit();
    }

    /**
     * The owner stops this server itself, in order, on its way out (as the demo does on Ctrl-C,
     * after the clients have flushed): the JVM's shutdown hook then leaves it alone instead of
     * stopping it at the first signal. If the JVM dies without stopping it, the server still
     * goes with it (see the subclass). Applies to the running process; call it again after a
     * restart.
     */
    public final void leaveStopToOwner() {
        server.leaveStopToOwner();
    }

    /**
     * Stops the server gracefully: SIGTERM (both servers then shut down cleanly), waits up to 30 s
     * for it to exit, then SIGKILL. Does nothing when it is not running.
     */
    public final void stop() {
        server.stop();
    }

    /** Kills the server with SIGKILL, as a crash or power cut would; waits until it is gone. */
    public final void kill() {
        server.kill();
    }

    /**
     * Starts the server again on the same ports and data directory (stopping it first if it is
     * running), so clients holding its address reconnect. Waits as the first start did.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws IOException if it does not come up, or another process has taken one of its ports
     */
    public final void restart() throws IOException, InterruptedException {
        server.restart();
    }

    /** Stops the server (as {@link #stop()}); a closed instance cannot be restarted. */
    @Override
    public final void close() {
        server.close();
    }
}
