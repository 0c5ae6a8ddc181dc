package dev.acumat.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
public final class LocalInflux extends LocalServer {
    /** Default bound on start-up; influxd is up in well under a second, a WAL replay can take longer. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private LocalInflux(Options options, ServerProcess server) {
        super(options.dataDir(), logFile(options.dataDir()), server);
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
        PortFile ports = PortFile.load(options.dataDir().resolve("local-influx.properties"),
                List.of("http.port", "rpc.port"), "acumat LocalInflux: ports reused by the next start when free");
        ServerLog log = new ServerLog(logFile(options.dataDir()));
        ServerProcess server = ServerProcess.start(
                new ServerProcess.Spec("InfluxDB", "influxd", options.startTimeout()),
                new int[] {options.port(), options.rpcPort()}, ports,
                chosen -> new InfluxLauncher(options, binary, chosen[0], chosen[1], log));
        return new LocalInflux(options, server);
    }

    /** The HTTP API's base URL: {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + LoopbackPorts.address(port());
    }

    /** The HTTP port. */
    public int port() {
        return port(0);
    }

    /** The RPC (backup and restore) port. */
    public int rpcPort() {
        return port(1);
    }

    private static Path logFile(Path dataDir) {
        return dataDir.resolve("influxd.log");
    }

    /** The config file influxd runs with, rewritten on every start. */
    public Path configFile() {
        return InfluxLauncher.configFile(dataDir());
    }

    @Override
    public String toString() {
        return "LocalInflux[" + url() + ", " + dataDir() + "]";
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
            ServerOptions.checkPorts(port, "port", rpcPort, "rpcPort");
            ServerOptions.checkStartTimeout(startTimeout);
            if ((adminUser == null) != (adminPassword == null) || (adminUser != null && adminUser.isBlank())) {
                throw new IllegalArgumentException("adminUser and adminPassword go together, and the user is not blank");
            }
            extraConfig = ServerOptions.extraConfig(extraConfig, InfluxConfig.MANAGED_KEYS, "LocalInflux");
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
    }
}
