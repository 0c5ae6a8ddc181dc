package dev.acumat.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The steps that bring up the broker child of one {@link LocalKafka} (fixed ports and cluster
 * id): writing its files and formatting its storage, starting the JVM, and waiting until it is
 * ready. The caller owns the started process.
 */
final class BrokerLauncher implements ServerProcess.Launcher {
    /** Child heap: see the {@link LocalKafka} class comment. */
    private static final String BROKER_HEAP = "-Xmx512m";
    private static final String PROBE_TOPIC = "acumat-ready-probe";
    /** Kafka's message when a listener cannot bind. */
    private static final Pattern BIND_FAILURE = Pattern.compile("failed to bind to [^\\s:]+:(\\d+)");

    private final LocalKafka.Options options;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final ServerLog log;

    BrokerLauncher(LocalKafka.Options options, int port, int controllerPort, String clusterId, ServerLog log) {
        this.options = options;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.log = log;
    }

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
    @Override
    public ServerProcess.Child launch(Instant deadline) throws IOException, InterruptedException {
        prepare(deadline);
        long logOffset = log.appendMarker("starting Kafka broker on " + LoopbackPorts.address(port));
        Process p = startBroker();
        try {
            awaitReady(p, logOffset, deadline);
        } catch (IOException | InterruptedException | RuntimeException e) {
            ChildProcesses.kill(p);
            throw e;
        }
        return ChildProcesses.serverChild(p);
    }

    /** Creates the directories, rotates the log, writes the config and formats if needed. */
    private void prepare(Instant deadline) throws IOException, InterruptedException {
        Files.createDirectories(logDir());
        Files.createDirectories(tmpDir());
        log.rotate();
        BrokerConfig.writeAtomically(serverProperties(),
                BrokerConfig.serverProperties(port, controllerPort, logDir(), options.extraConfig()));
        BrokerConfig.writeAtomically(logbackConfig(), BrokerConfig.LOGBACK_XML);

        if (!Files.exists(logDir().resolve("meta.properties"))) {
            format(deadline);
        }
    }

    /** Starts {@code kafka.Kafka} in a child JVM, output appended to the log. */
    private Process startBroker() throws IOException {
        return ChildProcesses.startJava(options.dataDir(),
                jvmOptions(BROKER_HEAP), options.classpath(), "kafka.Kafka",
                List.of(serverProperties().toString()), log.file());
    }

    /** {@code kafka.tools.StorageTool format} in a child JVM (static quorum: no --standalone). */
    private void format(Instant deadline) throws IOException, InterruptedException {
        long logOffset = log.appendMarker("formatting " + logDir() + " (cluster id " + clusterId + ")");
        // A one-second tool: a small heap, and C1 only (starts about 0.4 s faster here).
        List<String> jvm = new ArrayList<>(jvmOptions("-Xmx256m"));
        jvm.add("-XX:TieredStopAtLevel=1");
        Process p = ChildProcesses.startJava(options.dataDir(), jvm, options.classpath(),
                "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", clusterId, "--config", serverProperties().toString(),
                        "--ignore-formatted"),
                log.file());
        if (!p.waitFor(millisUntil(deadline), TimeUnit.MILLISECONDS)) {
            ChildProcesses.kill(p);
            throw new IOException("formatting Kafka storage in " + logDir() + " timed out" + log.tail(logOffset));
        }
        ChildProcesses.forget(p);
        if (p.exitValue() != 0 || !Files.exists(logDir().resolve("meta.properties"))) {
            throw new IOException("formatting Kafka storage in " + logDir() + " failed (exit " + p.exitValue() + ")"
                    + log.tail(logOffset));
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
     *
     * @throws LoopbackPorts.PortInUseException if the broker died because a port was taken
     * @throws IOException if it died otherwise, or the deadline passed; with the log since {@code logOffset}
     */
    private void awaitReady(Process p, long logOffset, Instant deadline) throws IOException, InterruptedException {
        // First a plain TCP connect, so the admin client does not log connection failures.
        while (!canConnect(port)) {
            checkProgress(p, logOffset, deadline, null);
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LoopbackPorts.address(port));
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
            String tail = log.tail(logOffset);
            String message = "Kafka broker exited during start-up (exit " + p.exitValue() + ", log " + log.file() + ")"
                    + tail;
            throw LoopbackPorts.startUpFailure(message, tail, BIND_FAILURE);
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IOException("Kafka broker at " + LoopbackPorts.address(port) + " not ready within "
                    + options.startTimeout().toSeconds() + " s"
                    + (lastError == null ? "" : " (last error: " + lastError + ")") + log.tail(logOffset));
        }
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long millisUntil(Instant deadline) {
        return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }
}
