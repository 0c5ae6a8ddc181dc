package dev.acumat.analytics.web;

import dev.acumat.analytics.ConsumerSettings;
import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.replay.KafkaFrameStore;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.MatId;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.ProtocolException;
import dev.acumat.protocol.WireFormat;
import dev.acumat.time.Time;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the live page shows. This instance learns the mats from acumat.mats (the analytics
 * announce every mat they hear from, every 2 s), reads acumat.frames only in the partitions of
 * mats a browser watches (from the present on, not as part of the analytics' group, so every
 * instance can show every mat), runs a {@link MatAnalyzer} per watched mat for the frame-rate view
 * (lower-back outline, posture; from the first frame a browser watches, and only while one
 * does), takes the running session from acumat.sessions, and hands each frame to the browsers
 * watching that mat. Reading every frame of every mat, watched or not, took as much CPU as the
 * analytics themselves at a few hundred mats. A mat with a cell order of its own
 * ({@link MatSettings}) is shown in the canonical order, as the analytics see it: its geometry
 * and its cells are turned here, so the page needs to know nothing of it.
 */
public final class LiveFeed implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    /** Sessions are looked up this far back in their topic when the feed starts. */
    static final int SESSION_BACKLOG = 200;
    /** Mat announcements read back per partition when the feed starts: the mats heard of lately. */
    static final int MATS_BACKLOG = 2_000;
    /**
     * How often a watcher is told the age of its mat's last frame: often enough that a page's
     * socket never looks dead while the mat is silent (the page gives up on 45 s of silence).
     */
    static final long STATUS_INTERVAL_MS = 5_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final MatSettings settings;
    private final Time time;
    /** When the watchers were last told their mats' last frame age; the feed thread's. */
    private long statusSentMillis;
    private final Map<String, LiveMat> mats = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private volatile long lastPollWallMillis;
    /** Set when a mat gets its first watcher or loses its last: the feed thread reassigns. */
    private volatile boolean watchesChanged;
    /** What the consumer reads; the feed thread's alone. */
    private final Set<TopicPartition> assigned = new HashSet<>();
    private int framesPartitions;

    public LiveFeed(String bootstrap) {
        this(bootstrap, MatSettings.NONE);
    }

    /** The live view of the mats at {@code bootstrap}, each shown through its {@link MatSettings}' cell order. */
    public LiveFeed(String bootstrap, MatSettings settings) {
        this(bootstrap, settings, Time.SYSTEM);
    }

    /** With the wall clock of {@code time}: a test's. */
    LiveFeed(String bootstrap, MatSettings settings, Time time) {
        this.settings = settings;
        this.time = time;
        this.consumer = new KafkaConsumer<>(consumerConfig(bootstrap), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The consumer's settings (package-private for tests). */
    static Properties consumerConfig(String bootstrap) {
        // The analytics write acumat.sessions and acumat.mats in transactions: the records of one
        // that a crashed instance never committed are written again after it, and are not the page's.
        Properties p = ConsumerSettings.readCommitted(bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "acumat-live");
        // The topics are the gateway's and the analytics' to create, with their partitions and policies.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return p;
    }

    @Override
    public void run() {
        try {
            while (!closing) {
                try {
                    assign();
                    long assignedAt = time.currentTimeMillis();
                    while (!closing) {
                        if (watchesChanged) {
                            watchesChanged = false;
                            assign();
                        }
                        poll();
                        // Partitions added to the topics later are picked up within a minute.
                        if (time.currentTimeMillis() - assignedAt > 60_000) {
                            break;
                        }
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Kafka away or slow: the live view waits and tries again rather than stopping for good.
                    log.warn("live feed: {}; trying again", e.toString());
                    consumer.unsubscribe();
                    assigned.clear();
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            onRecord(r);
        }
        long now = time.currentTimeMillis();
        lastPollWallMillis = now;
        if (now - statusSentMillis >= STATUS_INTERVAL_MS) {
            statusSentMillis = now;
            sendStatus();
        }
    }

    /** Tells every watcher how long ago its mat's last frame came (package-private for tests). */
    void sendStatus() {
        for (LiveMat mat : mats.values()) {
            if (!mat.clients.isEmpty()) {
                String text = statusMessage(mat);
                mat.clients.forEach(c -> c.sendText(text));
            }
        }
    }

    private String statusMessage(LiveMat mat) {
        long last = mat.lastFrameWallMillis;
        return LiveFrames.statusMessage(mat.id,
                last == 0 ? Double.NaN : Math.max(0, time.currentTimeMillis() - last) / 1000.0);
    }

    /** A record of any topic the feed reads; the feed thread's (package-private for tests). */
    void onRecord(ConsumerRecord<String, byte[]> r) {
        // A throw here starts the feed over, which reads the announcements' and sessions' backlog
        // again, the same record with it: a foreign record would stop the live view for good. The
        // analytics count such records; here they are only skipped, and make no mat of their key.
        if (!MatId.isValid(r.key()) || r.value() == null) {
            return;
        }
        if (r.topic().equals(Topics.FRAMES)) {
            onFrame(r);
        } else if (r.topic().equals(Topics.MATS)) {
            onMatHeard(r);
        } else {
            mat(r.key()).session = new String(r.value(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The sessions (from the recent past, for running sessions), the mat announcements (the
     * recent ones) and the frames of watched mats (from now). Partitions already read keep their
     * position; new ones start where they should.
     */
    private void assign() {
        framesPartitions = partitions(Topics.FRAMES).size();
        List<TopicPartition> sessions = partitions(Topics.SESSIONS);
        List<TopicPartition> announced = partitions(Topics.MATS);
        Set<TopicPartition> wanted = new HashSet<>(sessions);
        wanted.addAll(announced);
        for (LiveMat mat : mats.values()) {
            if (!mat.clients.isEmpty()) {
                wanted.add(framesPartition(mat.id));
            }
        }
        List<TopicPartition> added = wanted.stream().filter(tp -> !assigned.contains(tp)).toList();
        consumer.assign(wanted);
        assigned.clear();
        assigned.addAll(wanted);
        if (added.isEmpty()) {
            return;
        }
        consumer.seekToEnd(added.stream().filter(tp -> tp.topic().equals(Topics.FRAMES)).toList());
        List<TopicPartition> backlogs = added.stream()
                .filter(tp -> !tp.topic().equals(Topics.FRAMES)).toList();
        if (!backlogs.isEmpty()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(backlogs);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(backlogs);
            for (TopicPartition tp : backlogs) {
                int backlog = tp.topic().equals(Topics.MATS) ? MATS_BACKLOG : SESSION_BACKLOG;
                consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - backlog));
            }
        }
    }

    /** Where a mat's frames are: the partition Kafka's default partitioner gives its key. */
    private TopicPartition framesPartition(String matId) {
        int partition = Utils.toPositive(Utils.murmur2(matId.getBytes(StandardCharsets.UTF_8))) % framesPartitions;
        return new TopicPartition(Topics.FRAMES, partition);
    }

    private List<TopicPartition> partitions(String topic) {
        List<TopicPartition> out = new ArrayList<>();
        while (out.isEmpty() && !closing) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(i -> out.add(new TopicPartition(topic, i.partition())));
            }
        }
        return out;
    }

    /** A record of acumat.frames with a mat id and a value; the feed thread's (package-private for tests). */
    void onFrame(ConsumerRecord<String, byte[]> r) {
        LiveMat mat = mat(r.key());
        mat.lastFrameWallMillis = time.currentTimeMillis();
        if (mat.clients.isEmpty() && mat.spec != null && isFrame(r.value())) {
            return;  // another mat of a watched mat's partition: nobody watches this one
        }
        Message m;
        try {
            m = MessageReader.parse(r.value());
        } catch (ProtocolException e) {
            return;  // counted by the analytics proper; the live view just skips it
        }
        if (m instanceof DeviceInfo info) {
            onDeviceInfo(mat, info);
        } else if (m instanceof MatLayout layout) {
            onLayout(mat, layout);
        } else if (m instanceof PressureFrame f && mat.spec != null && f.rows() == mat.info.rows()
                && f.cols() == mat.info.cols() && !mat.clients.isEmpty()) {
            MatAnalyzer analyzer = mat.analyzer;
            if (analyzer == null) {
                // From the first watched frame on: the baseline and on-mat state build up from there.
                analyzer = new MatAnalyzer(mat.spec, settings.postureModel(mat.spec, mat.kind), mat.kind);
                mat.analyzer = analyzer;
            }
            long time = KafkaFrameStore.timeMicros(f, r);
            MatAnalyzer.FrameResult result = analyzer.analyze(time, f, mat.order);
            byte[] message = LiveFrames.frameMessage(mat.spec, f.sequence(), result, mat.session);
            mat.clients.forEach(c -> c.offer(message));
        }
    }

    /** An announcement of acumat.mats: the mat's device-info, heard of at the record's time. */
    private void onMatHeard(ConsumerRecord<String, byte[]> r) {
        LiveMat mat = mat(r.key());
        mat.lastFrameWallMillis = Math.max(mat.lastFrameWallMillis, r.timestamp());
        try {
            if (MessageReader.parse(r.value()) instanceof DeviceInfo info) {
                onDeviceInfo(mat, info);
            }
        } catch (ProtocolException e) {
            // Not an announcement this version knows: the mat is still heard of.
        }
    }

    /** A mat's mat_layout (read with its frames): a changed order or kind is a new spec. */
    private void onLayout(LiveMat mat, MatLayout layout) {
        if (layout.equals(mat.stated)) {
            return;
        }
        mat.stated = layout;
        MatSettings.Resolved resolved = settings.resolve(mat.id, layout);
        if (resolved.order().equals(mat.order) && resolved.kind() == mat.kind) {
            return;
        }
        mat.order = resolved.order();
        mat.kind = resolved.kind();
        mat.analyzer = null;
        if (mat.info != null) {
            DeviceInfo info = mat.info;
            mat.info = null;
            onDeviceInfo(mat, info);
        }
    }

    private void onDeviceInfo(LiveMat mat, DeviceInfo info) {
        // Announcements repeat every 2 s: only a device-info that changed is worth a new spec.
        if (info.equals(mat.info)) {
            return;
        }
        mat.info = info;
        MatSpec spec = MatSpec.of(mat.order.canonical(info));
        if (mat.spec == null || !mat.spec.equals(spec)) {
            mat.spec = spec;
            mat.analyzer = null;
            String text = LiveFrames.matMessage(spec);
            mat.clients.forEach(c -> c.sendText(text));
        }
    }

    /** Whether a record's value is a pressure frame, by its type byte alone (no CRC check, no parsing). */
    private static boolean isFrame(byte[] value) {
        return value != null && value.length > WireFormat.TYPE_OFFSET
                && (value[WireFormat.TYPE_OFFSET] & 0xFF) == WireFormat.TYPE_PRESSURE_FRAME;
    }

    private LiveMat mat(String id) {
        return mats.computeIfAbsent(id, i -> new LiveMat(i, settings.resolve(i, null)));
    }

    /**
     * Starts sending a mat's frames to a browser; the mat message goes first when the mat is
     * known, then the age of its last frame (null for a mat never heard of).
     */
    void watch(LiveClient client) {
        LiveMat mat = mat(client.mat);
        mat.clients.add(client);
        watchesChanged = true;  // its frames' partition may not be read yet
        MatSpec spec = mat.spec;
        if (spec != null) {
            client.sendText(LiveFrames.matMessage(spec));
        }
        client.sendText(statusMessage(mat));
    }

    void unwatch(LiveClient client) {
        LiveMat mat = mats.get(client.mat);
        if (mat != null && mat.clients.remove(client) && mat.clients.isEmpty()) {
            mat.analyzer = null;  // the next watcher's view starts afresh
            watchesChanged = true;
        }
    }

    /** The mats heard of lately (announced in acumat.mats, or their frames read), most recently heard first. */
    public List<MatStatus> mats() {
        long now = time.currentTimeMillis();
        return mats.values().stream().filter(m -> m.spec != null)
                .sorted(Comparator.comparingLong((LiveMat m) -> m.lastFrameWallMillis).reversed())
                .map(m -> new MatStatus(m.id, m.lastFrameWallMillis, (now - m.lastFrameWallMillis) / 1000.0,
                        m.spec.rows(), m.spec.cols(), m.clients.size()))
                .toList();
    }

    /** Mats whose latest session record says the session runs. */
    public long activeSessions() {
        return mats.values().stream().filter(m -> m.session != null && m.session.contains("\"active\":true")).count();
    }

    /** Whether the feed has polled Kafka within the last 10 s. */
    public boolean kafkaUp() {
        return time.currentTimeMillis() - lastPollWallMillis < 10_000;
    }

    /** A mat as the API reports it. */
    public record MatStatus(String mat, long lastFrameMillis, double lastFrameAgeS, int rows, int cols, int watchers) {
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
    }
}
