package dev.acumat.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker on this machine, for the demo and for integration
 * tests: Kafka's own {@code kafka.Kafka} server from the {@code org.apache.kafka:kafka_2.13}
 * artifacts, in KRaft combined mode (one process is both broker and controller, node id 1),
 * run as a child JVM.
 *
 * <h2>Network</h2>
 * Loopback only: the client listener {@code PLAINTEXT://127.0.0.1:PORT} and the controller
 * listener {@code CONTROLLER://127.0.0.1:CPORT}, no authentication. Ports of 0 in the
 * {@link Options} are picked free (by binding {@code 127.0.0.1:0}); the chosen ports are kept
 * in {@code local-kafka.properties} in the data directory, so a {@link #restart()} always and a
 * later run on the same directory (when the ports are still free) come up on the same
 * {@link #bootstrap()}, and clients reconnect without being told.
 *
 * <h2>Files, all under {@link #dataDir()}</h2>
 * <ul>
 *   <li>{@code kafka-logs/}: the broker's log directory (topics and the KRaft metadata log);
 *       formatted on first use with a new cluster id, which then lives in its
 *       {@code meta.properties} (and in {@code local-kafka.properties}).</li>
 *   <li>{@code kafka.log} ({@link #logFile()}): the child's stdout and stderr, appended across
 *       runs (rotated to {@code kafka.log.1} above 10 MB). Logging is kept small: warnings and
 *       errors, plus start and shutdown lines and the transaction and group coordinators' lines
 *       (what a transaction left open is diagnosed from).</li>
 *   <li>{@code server.properties}, {@code logback-kafka.xml}: written on every start.</li>
 *   <li>{@code tmp/}: the child's {@code java.io.tmpdir}.</li>
 * </ul>
 *
 * <h2>Process and memory</h2>
 * The child is {@code java} from this JVM's {@code java.home} with {@code -Xmx512m}: Kafka's
 * scripts default to a 1 GB heap, which a single broker with a handful of topics and clients
 * does not need; 512 MB leaves room for several brokers and test JVMs on a small (2-core) machine.
 * Resident size measured here: about 320 to 360 MB right after start, more under load. It runs until {@link #stop()}, {@link #kill()} or
 * {@link #close()}; it never outlives this JVM: a shutdown hook stops it (SIGTERM, then SIGKILL
 * after 10 s), and if this JVM is killed outright the child notices its stdin pipe closing and
 * shuts itself down.
 *
 * <p>Configuration: the minimal KRaft combined-mode settings, replication factor and min ISR 1
 * for the internal topics, no initial rebalance delay, and one tuning: a 4 s broker session
 * (1 s heartbeats), so a restart after {@link #kill()} waits about 4 s, not Kafka's default 9 s,
 * for the crashed incarnation's session to expire. {@link Options#extraConfig()} can add or
 * override settings.
 *
 * <p>{@link #start(Options)} returns once the broker answers and its controller accepts topic
 * creation. Instances are thread-safe.
 */
public final class LocalKafka extends LocalServer {
    /** Default bound on formatting plus start-up. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    private static final String CLUSTER_ID = "cluster.id";

    private final String clusterId;

    private LocalKafka(Options options, String clusterId, ServerProcess server) {
        super(options.dataDir(), logFile(options.dataDir()), server);
        this.clusterId = clusterId;
    }

    /**
     * Formats {@code options.dataDir()} on first use (KRaft storage; the cluster id is kept in the
     * data directory), starts the broker on 127.0.0.1 and waits until it answers and can create
     * topics.
     *
     * @throws IOException if a fixed port is in use, or the broker cannot be formatted or started,
     *     dies early, or is not ready within {@link Options#startTimeout()}; the message then ends
     *     with its errors and the last lines of its log. No child is left running.
     */
    public static LocalKafka start(Options options) throws IOException, InterruptedException {
        Objects.requireNonNull(options, "options");
        Files.createDirectories(options.dataDir());
        PortFile ports = PortFile.load(options.dataDir().resolve("local-kafka.properties"),
                List.of("port", "controller.port"), "acumat LocalKafka: ports reused by the next start when free");
        String saved = ports.get(CLUSTER_ID);
        String clusterId = saved == null || saved.isBlank() ? Uuid.randomUuid().toString() : saved;
        ports.keep(CLUSTER_ID, clusterId);
        ServerLog log = new ServerLog(logFile(options.dataDir()));
        ServerProcess server = ServerProcess.start(
                new ServerProcess.Spec("Kafka", "Kafka broker", options.startTimeout()),
                new int[] {options.port(), options.controllerPort()}, ports,
                chosen -> new BrokerLauncher(options, chosen[0], chosen[1], clusterId, log));
        return new LocalKafka(options, clusterId, server);
    }

    /** The bootstrap address for clients: {@code 127.0.0.1:PORT}. */
    public String bootstrap() {
        return LoopbackPorts.address(port());
    }

    /** The client (PLAINTEXT) port. */
    public int port() {
        return port(0);
    }

    /** The KRaft controller port. */
    public int controllerPort() {
        return port(1);
    }

    /** The KRaft cluster id of the data directory. */
    public String clusterId() {
        return clusterId;
    }

    private static Path logFile(Path dataDir) {
        return dataDir.resolve("kafka.log");
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrap() + ", " + dataDir() + "]";
    }

    // ---------------------------------------------------------------- options

    /**
     * How to start a {@link LocalKafka}.
     *
     * @param dataDir where the broker keeps everything (made absolute); created if missing
     * @param port client port on 127.0.0.1; 0 = the one kept in dataDir if free, else any free one
     * @param controllerPort KRaft controller port on 127.0.0.1; 0 as for {@code port}
     * @param classpath the child JVM's classpath: must hold kafka_2.13 and its runtime
     *     dependencies (the server modules) and an SLF4J binding: logback-classic, which this
     *     module brings at runtime scope, is configured quiet; another binding logs with its own
     *     defaults. See {@link #currentClasspath()} and {@link #jarsIn(Path)}
     * @param startTimeout bound on formatting plus start-up
     * @param extraConfig broker settings added to (or overriding) the defaults, for example
     *     {@code num.partitions}; the listener, quorum, node and log-directory settings are
     *     LocalKafka's and cannot be set here
     */
    public record Options(Path dataDir, int port, int controllerPort, List<Path> classpath,
                          Duration startTimeout, Map<String, String> extraConfig) {
        /** Validates, makes {@code dataDir} absolute and copies the collections. */
        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            dataDir = dataDir.toAbsolutePath().normalize();
            ServerOptions.checkPorts(port, "port", controllerPort, "controllerPort");
            classpath = List.copyOf(classpath);
            if (classpath.isEmpty()) {
                throw new IllegalArgumentException("classpath is empty");
            }
            ServerOptions.checkStartTimeout(startTimeout);
            extraConfig = ServerOptions.extraConfig(extraConfig, BrokerConfig.MANAGED_KEYS, "LocalKafka");
        }

        /** Free ports, this JVM's classpath, {@link #DEFAULT_START_TIMEOUT}, no extra config. */
        public static Options forTests(Path dataDir) {
            return of(dataDir, currentClasspath());
        }

        /** Free ports (or those kept in dataDir), the given classpath, the default timeout. */
        public static Options of(Path dataDir, List<Path> classpath) {
            return new Options(dataDir, 0, 0, classpath, DEFAULT_START_TIMEOUT, Map.of());
        }

        /** With fixed ports (0 = pick as described on the record). */
        public Options withPorts(int port, int controllerPort) {
            return new Options(dataDir, port, controllerPort, classpath, startTimeout, extraConfig);
        }

        /** With another start-up bound. */
        public Options withStartTimeout(Duration startTimeout) {
            return new Options(dataDir, port, controllerPort, classpath, startTimeout, extraConfig);
        }

        /** With extra broker settings (replacing any given before). */
        public Options withExtraConfig(Map<String, String> extraConfig) {
            return new Options(dataDir, port, controllerPort, classpath, startTimeout, extraConfig);
        }

        /**
         * This JVM's classpath as real entries, also under Maven Surefire/Failsafe where
         * {@code java.class.path} is a manifest-only booter jar ({@code surefire.test.class.path}
         * is used then); entries of {@code jdk.module.path} are added.
         */
        public static List<Path> currentClasspath() {
            return Classpaths.current();
        }

        /** Every {@code *.jar} in a directory, sorted by name: for a distribution's {@code lib/}. */
        public static List<Path> jarsIn(Path dir) {
            return Classpaths.jarsIn(dir);
        }
    }
}
