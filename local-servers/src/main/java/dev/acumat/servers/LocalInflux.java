package dev.acumat.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB 1.x server on this machine, for the demo and for integration tests: the
 * {@code influxd} of Debian's {@code influxdb} package (1.6.x), run as a child process with a
 * config file of its own.
 *
 * <h2>Network</h2>
 * Loopback only: HTTP on {@code 127.0.0.1:PORT} ({@link #url()}) and the RPC (backup) listener on
 * {@code 127.0.0.1:RPCPORT}. Without {@code -config}, influxd would read /etc/influxdb and listen on
 * :8086 and :8088 on every interface, so the config always comes from here. Ports of 0 in the
 * {@link Options} are picked free; the chosen ones are kept in {@code local-influx.properties} in
 * the data directory, so {@link #restart()} always, and a later run on the same directory when
 * they are still free, comes up on the same {@link #url()}. No authentication unless
 * {@link Options#withAdmin} asks for it.
 *
 * <h2>Files, all under {@link #dataDir()}</h2>
 * <ul>
 *   <li>{@code meta/}, {@code data/}, {@code wal/}: influxd's own directories.</li>
 *   <li>{@code influxd.log} ({@link #logFile()}): influxd's output (it logs to stderr only),
 *       appended across runs, rotated to {@code influxd.log.1} above 10 MB.</li>
 *   <li>{@code influxdb.conf} ({@link #configFile()}), {@code influxd.pid}: written on every start.</li>
 * </ul>
 *
 * <h2>Process and memory</h2>
 * influxd 1.6 answers {@code /ping} about 35-60 ms after it is started (a JVM's first start takes
 * 160-280 ms, most of it the JDK's HTTP client warming up), and holds about 16 MB resident when
 * idle, 19 MB after its first writes, about 165 MB after half a million points (its write cache;
 * measured by LocalInfluxIT and the benchmarks' InfluxSinkHarness on 2 cores). It never
 * outlives this JVM: see {@link InfluxProcess}. Instances are thread-safe.
 */
public final class LocalInflux implements AutoCloseable {
    /** Default bound on start-up; influxd is up in well under a second, a WAL replay can take longer. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** influxd waits for running queries and writes on SIGTERM; this bounds that before SIGKILL. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_PORT_ATTEMPTS = 3;
    private static final System.Logger LOG = System.getLogger(LocalInflux.class.getName());

    private final Options options;
    private final int port;
    private final int rpcPort;
    private final InfluxLauncher launcher;
    private InfluxProcess process;
    private boolean closed;

    private LocalInflux(Options options, Path binary, int port, int rpcPort) {
        this.options = options;
        this.port = port;
        this.rpcPort = rpcPort;
        this.launcher = new InfluxLauncher(options, binary, port, rpcPort, new BrokerLog(logFile()));
    }

    /**
     * Starts influxd on 127.0.0.1 with its data in {@code options.dataDir()} and waits until
     * {@code GET /ping} answers 204 (and, with {@link Options#withAdmin}, the admin user exists).
     *
     * @throws IOException if influxd is not installed, a fixed port is in use, another influxd runs
     *     on this data directory, or it dies or does not answer within the start timeout; the
     *     message then ends with the last lines of its log. No child is left running.
     */
    public static LocalInflux start(Options options) throws IOException, InterruptedException {
        Objects.requireNonNull(options, "options");
        Path binary = InfluxProcess.find(options.influxd());
        Files.createDirectories(options.dataDir());
        for (int fixed : new int[] {options.port(), options.rpcPort()}) {
            if (fixed != 0 && !BrokerPorts.isFree(fixed)) {
                throw new IOException("cannot start InfluxDB: " + BrokerPorts.address(fixed)
                        + " is in use by another process");
            }
        }
        Properties state = InfluxPorts.load(options.dataDir());
        Instant deadline = Instant.now().plus(options.startTimeout());
        for (int attempt = 1; ; attempt++) {
            int[] ports = InfluxPorts.choose(options, state, attempt > 1);
            LocalInflux influx = new LocalInflux(options, binary, ports[0], ports[1]);
            try {
                synchronized (influx) {
                    influx.launch(deadline);
                }
                try {
                    InfluxPorts.save(options.dataDir(), influx.port, influx.rpcPort);
                } catch (IOException | RuntimeException e) {
                    influx.close();
                    throw e;
                }
                return influx;
            } catch (BrokerPorts.PortInUseException e) {
                // Another process took a port we picked between our check and influxd's bind.
                boolean picked = (e.port == ports[0] && options.port() == 0)
                        || (e.port == ports[1] && options.rpcPort() == 0);
                if (!picked || attempt >= MAX_PORT_ATTEMPTS || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "port clash, picking new ports: {0}", e.getMessage());
            }
        }
    }

    /** The HTTP API's base URL: {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + BrokerPorts.address(port);
    }

    /** The HTTP port. */
    public int port() {
        return port;
    }

    /** The RPC (backup and restore) port. */
    public int rpcPort() {
        return rpcPort;
    }

    /** The data directory (absolute). */
    public Path dataDir() {
        return options.dataDir();
    }

    /** influxd's output, appended across runs. */
    public Path logFile() {
        return options.dataDir().resolve("influxd.log");
    }

    /** The config file influxd runs with, rewritten on every start. */
    public Path configFile() {
        return launcher.configFile();
    }

    /** The process id of the running influxd, empty when it is not running. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** True while influxd's process is alive. */
    /**
     * The owner stops this influxd itself, in order, on its way out: the JVM's shutdown hook
     * then leaves it alone. Its watchdog still stops it if the JVM dies without doing so.
     */
    public synchronized void leaveStopToOwner() {
        if (process != null) {
            process.ownerStops();
        }
    }

    /**
     * Completes with the exit code when the process running now ends, whether it dies by itself
     * (a crash, the OOM killer, SIGKILL from outside) or is stopped; the owner tells the two apart.
     * Never completes when none runs. The demo watches it to report a dead server at once.
     */
    public synchronized CompletableFuture<Integer> exit() {
        InfluxProcess p = process;
        if (p == null) {
            return new CompletableFuture<>();
        }
        return p.influxd.onExit().thenApply(Process::exitValue);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGTERM (influxd shuts down cleanly in about a second), up to 30 s, then SIGKILL. */
    public synchronized void stop() {
        InfluxProcess p = process;
        if (p == null) {
            return;
        }
        process = null;
        try {
            if (!p.terminate(STOP_TIMEOUT)) {
                LOG.log(System.Logger.Level.WARNING, "influxd did not stop within {0} s; killed it",
                        STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            p.influxd.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills influxd with SIGKILL, as a crash would; waits until it is gone. Acknowledged writes are in its WAL. */
    public synchronized void kill() {
        InfluxProcess p = process;
        if (p == null) {
            return;
        }
        process = null;
        try {
            p.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts influxd again on the same ports and data directory (stopping it first if it runs),
     * so clients holding {@link #url()} reconnect. Waits as {@link #start} does.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws IOException if it does not come up, or another process has taken one of its ports
     */
    public synchronized void restart() throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("closed: " + this);
        }
        stop();
        for (int kept : new int[] {port, rpcPort}) {
            if (!BrokerPorts.isFree(kept)) {
                throw new IOException("cannot restart InfluxDB on the same ports: " + BrokerPorts.address(kept)
                        + " is now in use by another process");
            }
        }
        launch(Instant.now().plus(options.startTimeout()));
    }

    /** Stops influxd (as {@link #stop()}); a closed instance cannot be restarted. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    @Override
    public String toString() {
        return "LocalInflux[" + url() + ", " + options.dataDir() + "]";
    }

    private void launch(Instant deadline) throws IOException, InterruptedException {
        long started = System.nanoTime();
        process = launcher.launch(deadline);
        LOG.log(System.Logger.Level.DEBUG, "influxd up at {0} in {1} ms (log: {2})", url(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logFile());
    }

    /**
     * How to start a {@link LocalInflux}.
     *
     * @param dataDir where influxd keeps everything (made absolute); created if missing
     * @param port HTTP port on 127.0.0.1; 0 = the one kept in dataDir if free, else any free one
     * @param rpcPort RPC port on 127.0.0.1; 0 as for {@code port}
     * @param influxd the server binary; null = {@code influxd} on the PATH, else /usr/bin/influxd
     * @param startTimeout bound on start-up
     * @param adminUser with {@code adminPassword}: turn authentication on and make sure this admin
     *     user exists (created on first start); null = no authentication
     * @param adminPassword the admin's password; never shown by {@link #toString()}
     * @param extraConfig influxd settings as {@code SECTION.KEY} (or a top-level {@code KEY}) to raw
     *     TOML values, e.g. {@code "data.cache-max-memory-size" -> "\"256m\""}; listeners,
     *     directories and authentication are LocalInflux's and cannot be set here
     */
    public record Options(Path dataDir, int port, int rpcPort, Path influxd, Duration startTimeout,
                          String adminUser, String adminPassword, Map<String, String> extraConfig) {
        /** Validates, makes {@code dataDir} absolute and copies the map. */
        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            dataDir = dataDir.toAbsolutePath().normalize();
            checkPort(port, "port");
            checkPort(rpcPort, "rpcPort");
            if (port != 0 && port == rpcPort) {
                throw new IllegalArgumentException("port and rpcPort must differ: " + port);
            }
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
            }
            if ((adminUser == null) != (adminPassword == null) || (adminUser != null && adminUser.isBlank())) {
                throw new IllegalArgumentException("adminUser and adminPassword go together, and the user is not blank");
            }
            extraConfig = Map.copyOf(extraConfig);
            List<String> managed = new ArrayList<>();
            for (String key : extraConfig.keySet()) {
                if (InfluxConfig.MANAGED_KEYS.contains(key.trim())) {
                    managed.add(key);
                }
            }
            if (!managed.isEmpty()) {
                throw new IllegalArgumentException("extraConfig may not set " + managed + ": LocalInflux sets them");
            }
        }

        /** Free ports (or those kept in dataDir), influxd from the PATH, no authentication. */
        public static Options of(Path dataDir) {
            return new Options(dataDir, 0, 0, null, DEFAULT_START_TIMEOUT, null, null, Map.of());
        }

        /** With fixed ports (0 = pick as described on the record). */
        public Options withPorts(int port, int rpcPort) {
            return new Options(dataDir, port, rpcPort, influxd, startTimeout, adminUser, adminPassword, extraConfig);
        }

        /** With another influxd binary. */
        public Options withInfluxd(Path influxd) {
            return new Options(dataDir, port, rpcPort, influxd, startTimeout, adminUser, adminPassword, extraConfig);
        }

        /** With another start-up bound. */
        public Options withStartTimeout(Duration startTimeout) {
            return new Options(dataDir, port, rpcPort, influxd, startTimeout, adminUser, adminPassword, extraConfig);
        }

        /** With authentication on, and this admin user. */
        public Options withAdmin(String user, String password) {
            return new Options(dataDir, port, rpcPort, influxd, startTimeout, user, password, extraConfig);
        }

        /** With extra influxd settings (replacing any given before). */
        public Options withExtraConfig(Map<String, String> extraConfig) {
            return new Options(dataDir, port, rpcPort, influxd, startTimeout, adminUser, adminPassword, extraConfig);
        }

        /** Leaves the password out. */
        @Override
        public String toString() {
            return "Options[dataDir=" + dataDir + ", port=" + port + ", rpcPort=" + rpcPort + ", influxd=" + influxd
                    + ", startTimeout=" + startTimeout + ", adminUser=" + adminUser
                    + (adminPassword == null ? "" : ", adminPassword=***") + ", extraConfig=" + extraConfig + "]";
        }

        private static void checkPort(int port, String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range: " + port);
            }
        }
    }
}
