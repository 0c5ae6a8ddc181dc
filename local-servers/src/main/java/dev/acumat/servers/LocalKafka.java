package dev.acumat.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

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
 *       errors, plus start and shutdown lines.</li>
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
public final class LocalKafka implements AutoCloseable {
    /** Default bound on formatting plus start-up. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** Child heap: see the class comment. */
    private static final String BROKER_HEAP = "-Xmx512m";
    /** How long a SIGTERM-ed broker may take to shut down before it gets SIGKILL. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
    private static final int LOG_TAIL_LINES = 20;
    private static final String PROBE_TOPIC = "acumat-ready-probe";
    private static final int MAX_PORT_ATTEMPTS = 3;
    /** Kafka's message when a listener cannot bind. */
    private static final Pattern BIND_FAILURE = Pattern.compile("failed to bind to [^\\s:]+:(\\d+)");
    /** A log line at ERROR level, as {@link #LOGBACK_XML} formats it. */
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ \\S+ ERROR ");
    private static final int MAX_ERROR_LINES = 5;

    /** Settings LocalKafka owns: {@link Options#extraConfig()} may not change them. */
    private static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles", "node.id", "broker.id", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
            "log.dir", "log.dirs", "metadata.log.dir");

    private static final System.Logger LOG = System.getLogger(LocalKafka.class.getName());
    private static final InetAddress LOOPBACK = loopback();

    private final Options options;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private Process process;
    private boolean closed;

    private LocalKafka(Options options, int port, int controllerPort, String clusterId) {
        this.options = options;
        this.port = port;
        this.controllerPort = controllerPort;
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
        Properties state = loadState(options.dataDir());
        String clusterId = state.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            clusterId = Uuid.randomUuid().toString();
        }
        for (int fixed : new int[] {options.port(), options.controllerPort()}) {
            if (fixed != 0 && !isFree(fixed)) {
                throw new IOException("cannot start Kafka: " + LOOPBACK.getHostAddress() + ":" + fixed
                        + " is in use by another process");
            }
        }
        Instant deadline = Instant.now().plus(options.startTimeout());
        for (int attempt = 1; ; attempt++) {
            int[] ports = choosePorts(options, state, attempt > 1);
            LocalKafka kafka = new LocalKafka(options, ports[0], ports[1], clusterId);
            try {
                synchronized (kafka) {
                    kafka.launch(deadline);
                }
                try {
                    kafka.saveState();
                } catch (IOException | RuntimeException e) {
                    kafka.close();
                    throw e;
                }
                return kafka;
            } catch (PortInUseException e) {
                // Someone took a port we picked between our check and the broker's bind: pick
                // again. A port the caller fixed cannot be helped.
                boolean picked = e.port == 0
                        ? options.port() == 0 && options.controllerPort() == 0
                        : (e.port == ports[0] && options.port() == 0)
                                || (e.port == ports[1] && options.controllerPort() == 0);
                if (!picked || attempt >= MAX_PORT_ATTEMPTS || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.DEBUG, "port clash, picking new ports: {0}", e.getMessage());
            }
        }
    }

    /** The bootstrap address for clients: {@code 127.0.0.1:PORT}. */
    public String bootstrap() {
        return LOOPBACK.getHostAddress() + ":" + port;
    }

    /** The client (PLAINTEXT) port. */
    public int port() {
        return port;
    }

    /** The KRaft controller port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The KRaft cluster id of the data directory. */
    public String clusterId() {
        return clusterId;
    }

    /** The data directory (absolute). */
    public Path dataDir() {
        return options.dataDir();
    }

    /** The broker's log file: stdout and stderr of the child JVM, appended across runs. */
    public Path logFile() {
        return options.dataDir().resolve("kafka.log");
    }

    /** The process id of the running broker, empty when it is not running. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** True while the broker's process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Stops the broker gracefully: SIGTERM (Kafka then shuts down cleanly), waits up to 30 s for
     * it to exit, then SIGKILL. Does nothing when it is not running.
     */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        try {
            if (!ChildProcesses.terminate(p, STOP_TIMEOUT)) {
                LOG.log(System.Logger.Level.WARNING, "Kafka broker did not stop within {0} s; killed it",
                        STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the broker with SIGKILL, as a crash or power cut would; waits until it is gone. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        try {
            ChildProcesses.kill(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the broker again on the same ports and data directory (stopping it first if it is
     * running), so clients holding {@link #bootstrap()} reconnect. Waits as {@link #start} does.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws IOException if it does not come up, or another process has taken one of its ports
     */
    public synchronized void restart() throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("closed: " + this);
        }
        stop();
        for (int kept : new int[] {port, controllerPort}) {
            if (!isFree(kept)) {
                throw new IOException("cannot restart Kafka on the same ports: " + LOOPBACK.getHostAddress() + ":"
                        + kept + " is now in use by another process");
            }
        }
        launch(Instant.now().plus(options.startTimeout()));
    }

    /** Stops the broker (as {@link #stop()}); a closed instance cannot be restarted. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrap() + ", " + options.dataDir() + "]";
    }

    // ---------------------------------------------------------------- start-up

    private Path logDir() {
        return options.dataDir().resolve("kafka-logs");
    }

    private Path serverProperties() {
        return options.dataDir().resolve("server.properties");
    }

    private Path logbackConfig() {
        return options.dataDir().resolve("logback-kafka.xml");
    }

    private Path tmpDir() {
        return options.dataDir().resolve("tmp");
    }

    /** Writes the config, formats if needed, starts the child and waits until it is ready. */
    private void launch(Instant deadline) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Files.createDirectories(logDir());
        Files.createDirectories(tmpDir());
        rotateLog();
        writeAtomically(serverProperties(), serverConfig());
        writeAtomically(logbackConfig(), LOGBACK_XML);

        if (!Files.exists(logDir().resolve("meta.properties"))) {
            format(deadline);
        }

        long logOffset = appendMarker("starting Kafka broker on " + bootstrap());
        Process p = ChildProcesses.startJava(options.dataDir(),
                jvmOptions(BROKER_HEAP), options.classpath(), "kafka.Kafka",
                List.of(serverProperties().toString()), logFile());
        process = p;
        try {
            awaitReady(p, logOffset, deadline);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process = null;
            ChildProcesses.kill(p);
            throw e;
        }
        LOG.log(System.Logger.Level.DEBUG, "Kafka broker up at {0} in {1} ms (log: {2})", bootstrap(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), logFile());
    }

    /** {@code kafka.tools.StorageTool format} in a child JVM (static quorum: no --standalone). */
    private void format(Instant deadline) throws IOException, InterruptedException {
        long logOffset = appendMarker("formatting " + logDir() + " (cluster id " + clusterId + ")");
        // A one-second tool: a small heap, and C1 only (starts about 0.4 s faster here).
        List<String> jvm = new ArrayList<>(jvmOptions("-Xmx256m"));
        jvm.add("-XX:TieredStopAtLevel=1");
        Process p = ChildProcesses.startJava(options.dataDir(), jvm, options.classpath(),
                "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", clusterId, "--config", serverProperties().toString(),
                        "--ignore-formatted"),
                logFile());
        if (!p.waitFor(millisUntil(deadline), TimeUnit.MILLISECONDS)) {
            ChildProcesses.kill(p);
            throw new IOException("formatting Kafka storage in " + logDir() + " timed out" + logTail(logOffset));
        }
        ChildProcesses.forget(p);
        if (p.exitValue() != 0 || !Files.exists(logDir().resolve("meta.properties"))) {
            throw new IOException("formatting Kafka storage in " + logDir() + " failed (exit " + p.exitValue() + ")"
                    + logTail(logOffset));
        }
    }

    private List<String> jvmOptions(String heap) {
        return List.of(
                heap,
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + tmpDir(),
                "-Dlogback.configurationFile=" + logbackConfig());
    }

    /**
     * Polls until the client port accepts connections, the broker lists itself in
     * describeCluster, and the controller accepts a (validate-only) topic creation with
     * replication factor 1, which needs the broker registered and unfenced.
     */
    private void awaitReady(Process p, long logOffset, Instant deadline) throws IOException, InterruptedException {
        // First a plain TCP connect, so the admin client does not log connection failures.
        while (!canConnect(port)) {
            checkProgress(p, logOffset, deadline, null);
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "acumat-local-kafka-probe");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        Admin admin = Admin.create(config);
        try {
            Exception lastError = null;
            while (true) {
                checkProgress(p, logOffset, deadline, lastError);
                long waitMs = Math.max(1, Math.min(5000, millisUntil(deadline)));
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(waitMs, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        admin.createTopics(List.of(new NewTopic(PROBE_TOPIC, 1, (short) 1)),
                                        new CreateTopicsOptions().validateOnly(true))
                                .all().get(waitMs, TimeUnit.MILLISECONDS);
                        return;
                    }
                    lastError = null;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return;
                    }
                    lastError = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                } catch (TimeoutException e) {
                    lastError = e;
                }
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Throws if the child has died or the deadline has passed. */
    private void checkProgress(Process p, long logOffset, Instant deadline, Exception lastError) throws IOException {
        if (!p.isAlive()) {
            ChildProcesses.forget(p);
            String tail = logTail(logOffset);
            String message = "Kafka broker exited during start-up (exit " + p.exitValue() + ", log " + logFile() + ")"
                    + tail;
            Matcher bind = BIND_FAILURE.matcher(tail);
            if (bind.find()) {
                throw new PortInUseException(message, Integer.parseInt(bind.group(1)));
            }
            if (tail.contains("Address already in use")) {
                throw new PortInUseException(message, 0);
            }
            throw new IOException(message);
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IOException("Kafka broker at " + bootstrap() + " not ready within "
                    + options.startTimeout().toSeconds() + " s"
                    + (lastError == null ? "" : " (last error: " + lastError + ")") + logTail(logOffset));
        }
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long millisUntil(Instant deadline) {
        return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    private String serverConfig() {
        String host = LOOPBACK.getHostAddress();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir().toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // After a crash (kill -9) the restarted broker is refused (DUPLICATE_BROKER_REGISTRATION)
        // until its previous incarnation's session expires: 9 s by default, 4 s here. Heartbeats
        // go over loopback inside one process, so a shorter session does not risk fencing.
        config.put("broker.heartbeat.interval.ms", "1000");
        config.put("broker.session.timeout.ms", "4000");
        config.putAll(new TreeMap<>(options.extraConfig()));

        StringBuilder text = new StringBuilder();
        text.append("# Written by acumat LocalKafka on every start; edits are overwritten.\n");
        text.append("# Single-node KRaft broker+controller, loopback only.\n");
        config.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static final String LOGBACK_XML = String.join("\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<!-- Written by acumat LocalKafka for the broker child JVM: warnings and errors,",
            "     plus the broker's start and shutdown lines. -->",
            "<configuration>",
            "  <statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>",
            "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>",
            "  </appender>",
            "  <logger name=\"kafka.server.KafkaRaftServer\" level=\"INFO\"/>",
            "  <logger name=\"org.apache.kafka.common.utils.internals.LoggingSignalHandler\" level=\"INFO\"/>",
            "  <root level=\"WARN\"><appender-ref ref=\"OUT\"/></root>",
            "</configuration>",
            "");

    // ---------------------------------------------------------------- log file

    private void rotateLog() throws IOException {
        Path log = logFile();
        if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Appends a marker line and returns the log's size before it (where this run's output starts). */
    private long appendMarker(String what) throws IOException {
        Path log = logFile();
        long offset = Files.exists(log) ? Files.size(log) : 0;
        String line = "---- acumat " + Instant.now() + ": " + what + "\n";
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return offset;
    }

    /** The last lines written to the log since {@code offset}, formatted for an exception message. */
    private String logTail(long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile())) {
            channel.position(Math.min(offset, channel.size()));
            byte[] bytes;
            try (InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readAllBytes();
            }
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            int tailStart = Math.max(0, lines.size() - LOG_TAIL_LINES);
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < tailStart && errors.size() < MAX_ERROR_LINES; i++) {
                if (ERROR_LINE.matcher(lines.get(i)).find()) {
                    errors.add(lines.get(i));
                }
            }
            StringBuilder text = new StringBuilder();
            if (!errors.isEmpty()) {
                text.append("\n--- errors in ").append(logFile()).append(" ---\n").append(String.join("\n", errors));
            }
            text.append("\n--- last lines of ").append(logFile()).append(" ---\n")
                    .append(String.join("\n", lines.subList(tailStart, lines.size())));
            return text.toString();
        } catch (IOException e) {
            return " (log " + logFile() + " unreadable: " + e + ")";
        }
    }

    // ---------------------------------------------------------------- ports and state

    private static Path stateFile(Path dataDir) {
        return dataDir.resolve("local-kafka.properties");
    }

    private static Properties loadState(Path dataDir) throws IOException {
        Properties state = new Properties();
        Path file = stateFile(dataDir);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return state;
    }

    private void saveState() throws IOException {
        Properties state = new Properties();
        state.setProperty("port", Integer.toString(port));
        state.setProperty("controller.port", Integer.toString(controllerPort));
        state.setProperty("cluster.id", clusterId);
        Path file = stateFile(options.dataDir());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            state.store(out, "acumat LocalKafka: ports reused by the next start when free");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * {client port, controller port}: explicit ones from the options; else the ones kept in the
     * data directory when they are still free (unless {@code fresh}); else free ones.
     */
    private static int[] choosePorts(Options options, Properties state, boolean fresh) throws IOException {
        Set<Integer> taken = new HashSet<>();
        int port = options.port();
        if (port == 0) {
            port = fresh ? 0 : reusable(state.getProperty("port"), taken);
            if (port == 0) {
                port = freePort(Set.of(options.controllerPort()));
            }
        }
        taken.add(port);
        int controllerPort = options.controllerPort();
        if (controllerPort == 0) {
            controllerPort = fresh ? 0 : reusable(state.getProperty("controller.port"), taken);
            if (controllerPort == 0) {
                controllerPort = freePort(taken);
            }
        }
        if (port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort are both " + port);
        }
        return new int[] {port, controllerPort};
    }

    private static int reusable(String saved, Set<Integer> taken) {
        if (saved == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(saved.trim());
            return port > 0 && port <= 65535 && !taken.contains(port) && isFree(port) ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(Set<Integer> exclude) throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = socket.getLocalPort();
                if (!exclude.contains(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port on " + LOOPBACK.getHostAddress());
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Start-up failed because a port was taken; {@code port} is 0 when the log does not say which. */
    private static final class PortInUseException extends IOException {
        final int port;

        PortInUseException(String message, int port) {
            super(message);
            this.port = port;
        }
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
            checkPort(port, "port");
            checkPort(controllerPort, "controllerPort");
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("port and controllerPort must differ: " + port);
            }
            classpath = List.copyOf(classpath);
            if (classpath.isEmpty()) {
                throw new IllegalArgumentException("classpath is empty");
            }
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
            }
            extraConfig = Map.copyOf(extraConfig);
            List<String> managed = new ArrayList<>();
            for (String key : extraConfig.keySet()) {
                if (MANAGED_KEYS.contains(key.trim())) {
                    managed.add(key);
                }
            }
            if (!managed.isEmpty()) {
                throw new IllegalArgumentException("extraConfig may not set " + managed + ": LocalKafka sets them");
            }
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

        private static void checkPort(int port, String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range: " + port);
            }
        }
    }
}
