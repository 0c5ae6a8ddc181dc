package dev.acumat.analytics.stream;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.replay.KafkaFrameStore;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.analytics.session.SessionTracker;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.contract.MatId;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.ProtocolException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-mat analytics inside Kafka Streams: each frame of acumat.frames through the mat's
 * {@link MatAnalyzer}; contact once a second, sessions and shifts forwarded to their topics.
 * The analyzers live in memory for speed; every change marks the mat in the changelog-backed
 * {@link MatStateStore}, which encodes each changed mat's state once, right before the commit, so
 * the state a commit records is exactly the state after the frames it records as read: under exactly-once
 * the store, the outputs and the input offsets move together, and a crash replays from a state
 * and an offset that agree. A frame whose time is not after the stored last frame is skipped,
 * as a guard against frames sent twice. A wall-clock punctuation ends the sessions of mats
 * whose frames stopped. acumat.mats is told, at most every 2 s, which mats are heard of (for the
 * live view of every instance, which would otherwise read every frame to know them): with a
 * mat's records, never from a punctuation, so that no announcement is sent after the frames
 * stop, as when the broker goes away (RELIABILITY.md, the stalled offset commit).
 *
 * <p>A mat with a cell order of its own ({@link MatSettings}) has its frames put in the canonical
 * order before the analyzer sees them, and the analyzer's geometry is the canonical one (rows and
 * columns swapped under a transpose). The stored state records the order it was built under: a
 * mat restored under another order starts its analysis afresh, with a line in the log.
 *
 * <p>A mat may state its cell order and kind itself, in a {@code mat_layout} message after each
 * device-info; {@link MatSettings#resolve} combines that with what was given per mat (which
 * wins). The mat's last such message is stored with its state, so a restarted service analyses
 * it the same way before it says so again; a change of order or kind starts its analysis afresh.
 */
final class MatProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(MatProcessor.class);
    static final Duration SILENCE_CHECK_EVERY = Duration.ofSeconds(5);
    static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(2);

    private final MatSettings settings;
    private ProcessorContext<String, byte[]> context;
    private MatStateStore store;
    private final Map<String, Mat> mats = new HashMap<>();
    private long dropped;
    private final Counter framesCounted = Metrics.counter("acumat.analytics.frames");
    private final Counter framesDropped = Metrics.counter("acumat.analytics.frames.dropped");
    private final Counter framesInvalid = Metrics.counter("acumat.analytics.frames.invalid");

    /**
     * A mat in memory: its device-info, cell order, analyzer, last frame time, and when we last
     * heard of it.
     */
    private static final class Mat implements Supplier<byte[]> {
        DeviceInfo info;
        CellOrder order;
        MatKind kind;
        /** The mat's own last mat_layout, or null. */
        MatLayout stated;
        MatAnalyzer analyzer;
        long lastFrameMicros = Long.MIN_VALUE;
        long lastHeardMillis;
        long lastAnnouncedMillis;

        Mat(MatSettings.Resolved resolved) {
            this.order = resolved.order();
            this.kind = resolved.kind();
        }

        /** The state to store, encoded. */
        @Override
        public byte[] get() {
            return MatStateCodec.encode(new MatStateCodec.MatState(info, analyzer == null ? null : analyzer.state(),
                    lastFrameMicros, order, stated, kind));
        }
    }

    MatProcessor(MatSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(AnalyticsTopology.STATE_STORE);
        // A task that Kafka Streams closes dirty and revives is initialised again, with its store
        // restored from the changelog: what was in memory may be ahead of it.
        mats.clear();
        context.schedule(SILENCE_CHECK_EVERY, PunctuationType.WALL_CLOCK_TIME, this::endSilentSessions);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        // Whatever is on the topic arrives here, not only the gateway's records; and a throw would
        // stop the partition for good, the record being read again by the thread that replaces
        // this one. So anything foreign is a counted drop, never an exception.
        MatId key = MatId.ofOrNull(record.key());
        if (key == null) {
            drop(printable(record.key()), "a record whose key is not a mat id");
            return;
        }
        String matId = key.value();
        if (record.value() == null) {
            drop(matId, "a record without a value");
            return;
        }
        Message message;
        try {
            message = MessageReader.parse(record.value());
        } catch (ProtocolException e) {
            drop(matId, "not a protocol message (" + e.getMessage() + ")");
            return;
        }
        if (!(message instanceof DeviceInfo) && !(message instanceof PressureFrame) && !(message instanceof MatLayout)) {
            drop(matId, "a message for a mat, not from one (" + message.getClass().getSimpleName() + ")");
            return;
        }
        Mat mat = mat(matId);
        mat.lastHeardMillis = context.currentSystemTimeMs();
        if (message instanceof DeviceInfo info) {
            boolean changed = !info.equals(mat.info);
            mat.info = info;
            if (changed) {
                // A new mat, or its geometry or calibration changed: its analysis starts afresh.
                mat.analyzer = analyzer(matId, mat);
            }
            save(matId, mat);
            if (changed) {
                announce(matId, mat);
            }
        } else if (message instanceof MatLayout layout) {
            onLayout(matId, mat, layout);
        } else {
            onFrame(matId, mat, (PressureFrame) message, record);
        }
        if (mat.info != null && mat.lastHeardMillis - mat.lastAnnouncedMillis >= ANNOUNCE_EVERY.toMillis()) {
            announce(matId, mat);
        }
    }

    private void onLayout(String matId, Mat mat, MatLayout layout) {
        if (layout.equals(mat.stated)) {
            return;  // every 5 s, the same
        }
        if (layout.cellOrder() == null) {
            log.warn("mat {}: its cell order 0x{} sets bits this version does not know; its frames are taken as they"
                    + " are (--mat-order names its order)", matId, Integer.toHexString(layout.cellOrderBits()));
        }
        mat.stated = layout;
        MatSettings.Resolved resolved = settings.resolve(matId, layout);
        if (!resolved.order().equals(mat.order) || resolved.kind() != mat.kind) {
            log.info("mat {}: cell order {}, layout {} (the mat states {}){}", matId, resolved.order(),
                    resolved.kind(), layout, mat.analyzer != null ? "; its analysis starts afresh" : "");
            mat.order = resolved.order();
            mat.kind = resolved.kind();
            if (mat.info != null) {
                mat.analyzer = analyzer(matId, mat);
            }
        }
        save(matId, mat);
    }

    /** A fresh analyzer for the mat's device-info, cell order and kind. */
    private MatAnalyzer analyzer(String matId, Mat mat) {
        MatSpec spec = spec(mat.info, matId, mat.order);
        return new MatAnalyzer(spec, settings.postureModel(spec, mat.kind), mat.kind);
    }

    private void onFrame(String matId, Mat mat, PressureFrame frame, Record<String, byte[]> record) {
        if (mat.analyzer == null) {
            drop(matId, "a frame before the mat's device-info");
            return;
        }
        if (frame.rows() != mat.info.rows() || frame.cols() != mat.info.cols()) {
            drop(matId, "a " + frame.rows() + " x " + frame.cols() + " frame from a " + mat.info.rows() + " x "
                    + mat.info.cols() + " mat");
            return;
        }
        long time = frameTimeMicros(frame, record);
        if (time <= mat.lastFrameMicros) {
            return;  // already counted before a restart
        }
        mat.lastFrameMicros = time;
        MatAnalyzer.FrameResult r = mat.analyzer.analyze(time, frame, mat.order);
        framesCounted.increment();
        if (!r.valid()) {
            // Sensor noise: nothing was learnt from it, and there is nothing to report.
            framesInvalid.increment();
            if (mat.analyzer.invalidFrames() == 1 || mat.analyzer.invalidFrames() % 1000 == 0) {
                log.info("mat {}: a frame of sensor noise set aside ({} so far)", matId, mat.analyzer.invalidFrames());
            }
        }
        if (r.report()) {
            forward(AnalyticsTopology.CONTACT_SINK, matId, time,
                    AnalyticsRecords.contact(matId, mat.analyzer.spec().calibration().units(), r));
        }
        events(matId, r.events());
        save(matId, mat);
    }

    /** What the analyzer of a mat with {@code info} and {@code order} works on: canonical rows, columns and pitches. */
    static MatSpec spec(DeviceInfo info, String matId, CellOrder order) {
        return MatSpec.of(withId(order.canonical(info), matId));
    }

    /** The frame's wall-clock time: the gateway's clock anchor plus the mat's device time, else the record's. */
    static long frameTimeMicros(PressureFrame frame, Record<String, byte[]> record) {
        return KafkaFrameStore.timeMicros(frame, record.headers(), record.timestamp());
    }

    private void events(String matId, List<SessionEvent> events) {
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Shifted s) {
                forward(AnalyticsTopology.SHIFTS_SINK, matId, e.timeMicros(),
                        AnalyticsRecords.shift(matId, s.sessionId(), s.shift()));
            } else {
                var summary = e instanceof SessionEvent.Started st ? st.session()
                        : e instanceof SessionEvent.Updated u ? u.session() : ((SessionEvent.Ended) e).session();
                forward(AnalyticsTopology.SESSIONS_SINK, matId, e.timeMicros(), AnalyticsRecords.session(matId, summary));
            }
        }
    }

    private void forward(String sink, String matId, long timeMicros, Object value) {
        context.forward(new Record<>(matId, AnalyticsRecords.toJson(value), Math.floorDiv(timeMicros, 1000)), sink);
    }

    private Mat mat(String matId) {
        Mat mat = mats.get(matId);
        if (mat != null) {
            return mat;
        }
        mat = new Mat(settings.resolve(matId, null));
        byte[] saved = store.get(matId);
        MatStateCodec.MatState state = saved == null ? null : MatStateCodec.decode(saved);
        if (state != null) {
            mat.info = state.info();
            mat.stated = state.stated();
            MatSettings.Resolved resolved = settings.resolve(matId, state.stated());
            mat.order = resolved.order();
            mat.kind = resolved.kind();
            MatSpec spec = spec(state.info(), matId, mat.order);
            boolean sameOrder = state.order().equals(mat.order) && state.kind() == mat.kind;
            if (!sameOrder && state.analyzer() != null) {
                // The saved baseline and references are cell by cell in the old order (and a
                // lumbar pad's thresholds its own): as after a changed device-info, the mat's
                // analysis starts afresh.
                log.info("mat {}: its cell order is now {} and its layout {}, its saved state was made with {} and {};"
                        + " its analysis starts afresh", matId, mat.order, mat.kind, state.order(), state.kind());
            }
            PostureModel model = settings.postureModel(spec, mat.kind);
            mat.analyzer = state.analyzer() == null || !sameOrder ? new MatAnalyzer(spec, model, mat.kind)
                    : new MatAnalyzer(spec, model, mat.kind, state.analyzer());
            mat.lastFrameMicros = state.lastFrameMicros();
        }
        mats.put(matId, mat);
        return mat;
    }

    private static DeviceInfo withId(DeviceInfo i, String matId) {
        return matId.equals(i.matId()) ? i : new DeviceInfo(matId, i.firmwareMajor(), i.firmwareMinor(),
                i.firmwarePatch(), i.rows(), i.cols(), i.rowPitchUm(), i.colPitchUm(), i.adcBits(),
                i.frameIntervalUs(), i.deadband(), i.calibration());
    }

    private void save(String matId, Mat mat) {
        store.changed(matId, mat);
    }

    /**
     * Ends the sessions of mats not heard of for {@link SessionTracker#SILENCE_MICROS}, judged on
     * this service's clock: frame times come from the mat's clock, which may run elsewhere.
     */
    private void endSilentSessions(long wallMillis) {
        // Mats restored into this task but not heard of since count from now.
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                String matId = all.next().key;
                if (!mats.containsKey(matId)) {
                    mat(matId).lastHeardMillis = wallMillis;
                }
            }
        }
        for (Map.Entry<String, Mat> e : mats.entrySet()) {
            Mat mat = e.getValue();
            if (mat.analyzer != null && (wallMillis - mat.lastHeardMillis) * 1000 >= SessionTracker.SILENCE_MICROS) {
                List<SessionEvent> ended = mat.analyzer.silence();
                if (!ended.isEmpty()) {
                    events(e.getKey(), ended);
                    save(e.getKey(), mat);
                }
            }
        }
    }

    /**
     * Tells acumat.mats that the mat was heard of. Only ever from {@link #process}: an
     * announcement sent by a wall-clock punctuation went out after the frames stopped, when the
     * broker was going away, and was the send that left the stream thread's transactional
     * producer in its error state before the stalled offset commit (RELIABILITY.md).
     */
    private void announce(String matId, Mat mat) {
        mat.lastAnnouncedMillis = mat.lastHeardMillis;
        context.forward(new Record<>(matId, MessageWriter.toBytes(mat.info), mat.lastHeardMillis),
                AnalyticsTopology.MATS_SINK);
    }

    /** A key fit for the log: a foreign one may be long, or hold line breaks that would forge log lines. */
    static String printable(String key) {
        if (key == null) {
            return "(no key)";
        }
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < key.length() && i < MatId.MAX_LENGTH; i++) {
            char c = key.charAt(i);
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return s.append(key.length() > MatId.MAX_LENGTH ? "\"..." : "\"").toString();
    }

    private void drop(String matId, String why) {
        dropped++;
        framesDropped.increment();
        if (dropped == 1 || Long.bitCount(dropped) == 1) {  // 1, 2, 4, 8...: visible, never a flood
            log.warn("mat {}: dropped {} ({} dropped so far)", matId, why, dropped);
        }
    }
}
