package dev.acumat.analytics.stream;

import dev.acumat.analytics.AnalyticsConfig;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AnalyticsTopology} in Kafka Streams: makes sure its topics exist (the frames
 * topic may not, when no gateway has run yet), and starts the streams with the state under a
 * directory of its own. Several instances with the same application id share the work.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    public static final String APPLICATION_ID = "acumat-analytics";

    private final KafkaStreams streams;

    private StreamsRunner(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Creates missing topics and starts the streams; returns at once, the streams run on their own threads. */
    public static StreamsRunner start(String bootstrap, Path stateDir, int threads) throws Exception {
        return start(bootstrap, stateDir, threads, AnalyticsConfig.DEFAULT_STATE_MEMORY_MB << 20, MatSettings.NONE);
    }

    /**
     * {@link #start(String, Path, int)} with per-mat settings, the state stores together holding
     * about {@code stateMemoryBytes} in memory at most ({@link BoundedRocksDBConfig}).
     */
    public static StreamsRunner start(String bootstrap, Path stateDir, int threads, long stateMemoryBytes,
                                      MatSettings settings) throws Exception {
        short replication = ensureTopics(bootstrap, ADMIN_TIMEOUT);
        Properties p = properties(bootstrap, stateDir, threads, stateMemoryBytes);
        // The mats' state lives in changelog topics: as many copies as the cluster allows, up to 3.
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
        KafkaStreams streams;
        try {
            streams = startStreams(p, settings);
        } catch (ProcessorStateException e) {
            // A process killed hard can leave a store that does not open again. The local copy is
            // only a cache of the changelogs (exactly once: nothing in it that Kafka lacks), so
            // it is dropped and restored rather than keeping the analytics down.
            Path local = stateDir.resolve(APPLICATION_ID);
            log.warn("the local copy of the mats' state in {} does not open ({}); deleting it, Kafka restores it",
                    local, e.getMessage());
            deleteTree(local);
            streams = startStreams(p, settings);
        }
        return new StreamsRunner(streams);
    }

    /** The streams' configuration but for the changelogs' replication, which needs the broker. */
    static Properties properties(String bootstrap, Path stateDir, int threads, long stateMemoryBytes) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        // Named by process id, so the consumer group's members (which instance has which mats) say
        // whose they are, rather than a random UUID.
        p.put(StreamsConfig.CLIENT_ID_CONFIG, clientId(ProcessHandle.current().pid()));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        // Exactly once: a mat's state, its outputs and the frames' offsets commit together. Under at
        // least once a crash could leave the state's changelog ahead of outputs that were never
        // written (a shift lost) or behind outputs that were (counted again when replayed). It
        // needs brokers with the transaction state topic (Kafka 2.5+; one broker: its replication
        // factor and min ISR at 1).
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Outputs are visible to read_committed readers (the InfluxDB sink) at each commit.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        // A crashed instance's mats wait this long before another takes them over (the default is 45 s).
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // The topology has no global state; this only opts in to Kafka 5's default now, which
        // silences a warning at every start.
        p.put("processing.exception.handler.global.enabled", true);
        // Frames arrive at 25 Hz from every mat: fetching as soon as one byte is there made the
        // broker answer a fetch per handful of frames. Waiting up to 50 ms for 64 KiB costs the
        // outputs nothing that matters (they are committed once a second) and the broker a
        // fraction of its requests.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        // Each task reads one partition of one topic: there are no partitions to keep in step
        // by time. -1 skips that check, which Kafka Streams 4.4 makes for every task it visits
        // with an empty queue, formatting a log line it never writes (String.format: 3 % of a
        // stream thread at 600 mats, by JFR).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        p.put(StreamsConfig.producerPrefix("linger.ms"), 20);
        // Every store under one memory budget: by default each of the 32 tasks' stores has its own
        // block cache and up to three 16 MB memtables, most of the process's memory at 1,000 mats.
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDBConfig.class);
        p.put(BoundedRocksDBConfig.MEMORY_BYTES, stateMemoryBytes);
        return p;
    }

    private static KafkaStreams startStreams(Properties p, MatSettings settings) {
        KafkaStreams streams = new KafkaStreams(AnalyticsTopology.build(settings), p);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("analytics stream thread failed, replacing it: {}", e.toString());
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        try {
            streams.start();
        } catch (RuntimeException e) {
            streams.close(Duration.ofSeconds(10));
            throw e;
        }
        return streams;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * The client id of the instance in process {@code pid}: its stream threads' consumers are
     * {@code CLIENT_ID-StreamThread-N-consumer} in the consumer group {@link #APPLICATION_ID}.
     */
    public static String clientId(long pid) {
        return APPLICATION_ID + "-pid" + pid;
    }

    /** How long the start waits for the broker to answer before it gives up with a line saying so. */
    static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** How long a stop waits for the stream threads to commit, by default. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    /**
     * Creates what is missing; returns the replication factor used, min(3, brokers).
     *
     * @throws IllegalStateException when the broker does not answer within {@code timeout},
     *                               with a message that says what to check
     */
    static short ensureTopics(String bootstrap, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(p)) {
            return ensureTopics(admin, timeout.toMillis());
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(bootstrap, timeout);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(bootstrap, timeout);
            }
            throw e;
        }
    }

    private static IllegalStateException unreachable(String bootstrap, Duration timeout) {
        return new IllegalStateException("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                + " s: is the broker running, and reachable from here at that address (--kafka)?");
    }

    private static short ensureTopics(Admin admin, long timeoutMs) throws Exception {
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        int brokers = admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        List<NewTopic> missing = new ArrayList<>();
        Map<String, Integer> wanted = Map.of(Topics.FRAMES, Topics.DEFAULT_FRAMES_PARTITIONS,
                Topics.CONTACT, Topics.OTHER_PARTITIONS, Topics.SESSIONS, Topics.OTHER_PARTITIONS,
                Topics.POSTURE_SHIFTS, Topics.OTHER_PARTITIONS, Topics.DEVICE_HEALTH, Topics.OTHER_PARTITIONS);
        wanted.forEach((name, partitions) -> {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, partitions, replication));
            }
        });
        if (!existing.contains(Topics.MATS)) {
            // A mat's latest announcement is all that matters.
            missing.add(new NewTopic(Topics.MATS, Topics.OTHER_PARTITIONS, replication)
                    .configs(Map.of("cleanup.policy", "compact", "segment.ms", "3600000")));
        }
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
        return replication;
    }

    /** Whether the streams are running (or rebalancing): the analytics reach Kafka. */
    public boolean running() {
        return streams.state().isRunningOrRebalancing();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        close(CLOSE_GRACE);
    }

    /** Stops the stream threads, waiting at most {@code grace} for them to commit. */
    public void close(Duration grace) {
        streams.close(grace);
    }
}
