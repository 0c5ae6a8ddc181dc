package dev.acumat.analytics;

import dev.acumat.analytics.body.BodyAnalyzer;
import dev.acumat.analytics.body.BodyReading;
import dev.acumat.contract.Posture;
import dev.acumat.analytics.body.PostureFilter;
import dev.acumat.analytics.body.PadRegion;
import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.Baseline;
import dev.acumat.analytics.frame.ContactMetrics;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.NoiseCheck;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.analytics.frame.PressureMapper;
import dev.acumat.analytics.session.MatRules;
import dev.acumat.analytics.session.Observation;
import dev.acumat.analytics.session.OnMatDetector;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.analytics.session.SessionTracker;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.PressureFrame;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the analytics do for one mat, frame by frame, in one place and without Kafka:
 * raw counts to pressure above the empty mat's baseline, frames of sensor noise set aside,
 * contact metrics, posture and the lower back, time on the mat, sessions and shifts. The same
 * code runs in the streaming service and in {@code acumat analyze}. One instance per mat, on
 * one thread.
 *
 * <p>The empty mat's baseline is whatever the mat reads while nobody is on it: it is learnt
 * from frames without a body's pressure, and when a person gets off and leaves some load
 * behind (a pillow, a topper's fold, stuck cells), that load becomes the baseline at once.
 * Until a mat has been seen empty, the level most of its cells read stands in for it, so that
 * a recording of a sensor whose unloaded cells do not read 0 is read above that level.
 *
 * <p>A lumbar pad ({@link MatKind#LUMBAR_PAD}) is all lower back: its lower-back region is the
 * whole pad ({@link PadRegion}), no posture is asked of it, and the session thresholds are
 * scaled to its area ({@link MatRules#lumbarPad}).
 */
public final class MatAnalyzer {
    /**
     * Before a mat has been seen empty, this much pressing contact is a person (sitting, standing
     * or lying); less is taken for what the empty mat carries: a hand or knee resting on it, a
     * pillow, a topper's fold, stuck cells.
     */
    static final double FIRST_ON_AREA_CM2 = 400;
    /** Time constant of the baseline following an empty mat. */
    static final double BASELINE_TAU_S = 2.0;
    /**
     * Until the mat was seen empty, this quantile of a frame's counts is the unloaded level, when
     * it looks like one: the next tenth of the cells read within {@link #LEVEL_FLAT} of it (an
     * unloaded floor is flat, a topper's too, give or take its noise; the edges of a body lying
     * all over a small mat are not), and the mat has at least {@link #LEVEL_MIN_CELLS} cells...
     */
    static final double LEVEL_QUANTILE = 0.2;
    static final double LEVEL_FLAT = 0.15;
    static final int LEVEL_MIN_CELLS = 64;
    /** ...found again at most this often. */
    static final long LEVEL_EVERY_MICROS = 1_000_000;

    private final MatSpec spec;
    private final MatKind kind;
    private final MatRules rules;
    private final PressureMapper mapper;
    private final BodyAnalyzer body;
    private final PostureFilter filter;
    private final Baseline baseline;
    /** The unloaded level of a mat not yet seen empty (see the class description). */
    private final Baseline level;
    private long levelMicros = Long.MIN_VALUE;
    private long baselineMicros = Long.MIN_VALUE;
    private final SessionTracker tracker;
    private long lastReportedSecond;
    private long invalidFrames;
    /** The current frame's raw values, reused: nothing keeps them past {@link #analyze}. */
    private int[] raw = new int[0];
    /** The same turned to the canonical order, for a mat wired in another (reused likewise). */
    private int[] canonical = new int[0];
    private int[] sorted = new int[0];

    /**
     * One frame's outcome.
     *
     * @param valid   false for a frame of sensor noise, which nothing else was taken from (its
     *                contact and map are as it read; its body is {@link BodyReading#NOBODY})
     * @param report  whether this frame is the mat's contact point for its second (the first
     *                frame of each second of frame time while someone is on the mat)
     * @param map     the pressure map, valid until the next frame
     * @param postureAsked false on a lumbar pad, which has no posture to tell
     */
    public record FrameResult(long timeMicros, boolean valid, boolean onMat, String sessionId, ContactMetrics contact,
                              BodyReading body, boolean report, List<SessionEvent> events, PressureMap map,
                              boolean postureAsked) {
        /** The lower-back coverage, or null when it is not on the mat. */
        public Double lowerBackCoverage() {
            return body.lowerBackCoverage();
        }
    }

    /**
     * The state worth keeping across a restart.
     *
     * @param baselineMicros when the baseline last learnt from a frame ({@link Long#MIN_VALUE} never)
     */
    public record State(float[] baseline, boolean baselineSeeded, long baselineMicros, SessionTracker.State tracker,
                        long lastReportedSecond, PostureFilter.State posture) {
    }

    /** An analyzer with the shipped posture model for the mat's size. */
    public MatAnalyzer(MatSpec spec) {
        this(spec, PostureModel.shippedFor(spec));
    }

    public MatAnalyzer(MatSpec spec, PostureModel model) {
        this(spec, model, MatKind.NOT_STATED);
    }

    /**
     * An analyzer for a mat of this kind; {@code model} is not used for a lumbar pad. The model
     * for the kind is {@code MatSettings.postureModel}'s choice.
     */
    public MatAnalyzer(MatSpec spec, PostureModel model, MatKind kind) {
        this.spec = spec;
        this.kind = kind;
        this.rules = rules(spec, kind);
        this.mapper = new PressureMapper(spec);
        this.body = new BodyAnalyzer(rules.postures() ? model : null);
        this.filter = new PostureFilter();
        this.baseline = new Baseline(spec.cells());
        this.level = new Baseline(spec.cells());
        this.tracker = new SessionTracker(spec.matId(), rules);
        this.lastReportedSecond = Long.MIN_VALUE;
    }

    /** Carries on from a saved state, for the same mat geometry. */
    public MatAnalyzer(MatSpec spec, PostureModel model, State state) {
        this(spec, model, MatKind.NOT_STATED, state);
    }

    /** Carries on from a saved state, for the same mat geometry and kind. */
    public MatAnalyzer(MatSpec spec, PostureModel model, MatKind kind, State state) {
        if (state.baseline().length != spec.cells()) {
            throw new IllegalArgumentException("saved state is for " + state.baseline().length + " cells, the mat has "
                    + spec.cells());
        }
        this.spec = spec;
        this.kind = kind;
        this.rules = rules(spec, kind);
        this.mapper = new PressureMapper(spec);
        this.body = new BodyAnalyzer(rules.postures() ? model : null);
        this.filter = new PostureFilter(state.posture());
        this.baseline = new Baseline(state.baseline(), state.baselineSeeded());
        this.baselineMicros = state.baselineMicros();
        this.level = new Baseline(spec.cells());
        this.tracker = new SessionTracker(spec.matId(), rules, state.tracker());
        this.lastReportedSecond = state.lastReportedSecond();
    }

    private static MatRules rules(MatSpec spec, MatKind kind) {
        return kind == MatKind.LUMBAR_PAD ? MatRules.lumbarPad(spec.cells() * spec.cellAreaCm2()) : MatRules.STANDARD;
    }

    /** The kind of mat this analyzer was made for ({@link MatKind#NOT_STATED}: by its size). */
    public MatKind kind() {
        return kind;
    }

    public MatSpec spec() {
        return spec;
    }

    public PostureModel model() {
        return body.model();
    }

    public State state() {
        return new State(baseline.values(), baseline.seeded(), baselineMicros, tracker.state(), lastReportedSecond,
                filter.state());
    }

    /** Frames set aside as sensor noise since this analyzer was made. */
    public long invalidFrames() {
        return invalidFrames;
    }

    /** Analyses one frame taken at {@code timeMicros}, its values read without a copy of their own. */
    public FrameResult analyze(long timeMicros, PressureFrame frame) {
        return analyze(timeMicros, copy(frame));
    }

    /**
     * Analyses one frame of a mat whose cells are in {@code order}, turned to the canonical order
     * of this analyzer's spec first; under {@link CellOrder#isNone()} the frame is already in it.
     */
    public FrameResult analyze(long timeMicros, PressureFrame frame, CellOrder order) {
        if (order.isNone()) {
            return analyze(timeMicros, frame);
        }
        int[] written = copy(frame);
        if (canonical.length != written.length) {
            canonical = new int[written.length];
        }
        order.apply(written, frame.rows(), frame.cols(), canonical);
        return analyze(timeMicros, canonical);
    }

    /** The frame's values in the reused array. */
    private int[] copy(PressureFrame frame) {
        if (raw.length != frame.cells()) {
            raw = new int[frame.cells()];
        }
        frame.copyTo(raw);
        return raw;
    }

    /** Analyses one frame of raw counts (row-major, in acumat's orientation) taken at {@code timeMicros}. */
    public FrameResult analyze(long timeMicros, int[] raw) {
        PressureMap map = mapper.map(raw, baseline.seeded() ? baseline : levelOf(timeMicros, raw));
        ContactMetrics contact = mapper.contactMetrics();
        if (NoiseCheck.isNoise(map, contact)) {
            // Neither a body nor a lift: the frame tells nothing, and nothing learns from it.
            invalidFrames++;
            return new FrameResult(timeMicros, false, tracker.onMat(), tracker.sessionId(), contact, BodyReading.NOBODY,
                    false, List.of(), map, rules.postures());
        }
        BodyReading reading = body.analyze(map, filter, timeMicros);
        if (!rules.postures() && reading.bodyAreaCm2() > 0) {
            // A lumbar pad: whoever presses on it has their lower back on it.
            reading = new BodyReading(reading.posture(), reading.confidence(), PadRegion.of(map), reading.axis(),
                    reading.bodyAreaCm2());
        }
        double coverage = reading.lowerBack() == null ? Double.NaN : reading.lowerBack().coverage();
        boolean wasOn = tracker.onMat();
        double bodyArea = reading.bodyAreaCm2();
        if (!baseline.seeded() && !wasOn && bodyArea < rules.area(FIRST_ON_AREA_CM2)) {
            bodyArea = Math.min(bodyArea, rules.area(OnMatDetector.OFF_AREA_CM2));  // the empty mat, as first seen
        }
        List<SessionEvent> events = tracker.observe(new Observation(timeMicros, bodyArea,
                contact.copXCm(), contact.copYCm(), reading.posture(), coverage, contact.loadForceN()));
        boolean on = tracker.onMat();
        learnBaseline(timeMicros, raw, wasOn, on, bodyArea);
        long second = Math.floorDiv(timeMicros, 1_000_000L);
        boolean report = on && second != lastReportedSecond;
        if (report) {
            lastReportedSecond = second;
        }
        return new FrameResult(timeMicros, true, on, tracker.sessionId(), contact, reading, report, events, map,
                rules.postures());
    }

    /**
     * Only a mat without a person teaches the baseline: their pressure is not drift. When a
     * person has just got off and what they left behind is at rest, that is the empty mat now,
     * taken whole, whatever its size. Otherwise a frame with less pressing contact than a
     * person's follows it with a time constant of {@link #BASELINE_TAU_S}; the first one sets it.
     */
    private void learnBaseline(long timeMicros, int[] raw, boolean wasOn, boolean on, double bodyAreaCm2) {
        if (on) {
            return;
        }
        if (wasOn && tracker.leftSettled()) {
            baseline.set(raw);
        } else if (bodyAreaCm2 >= rules.area(OnMatDetector.ON_AREA_CM2)) {
            return;
        } else {
            double dt = baselineMicros == Long.MIN_VALUE ? 0 : Math.max(0, timeMicros - baselineMicros) / 1e6;
            baseline.follow(raw, (float) (1 - Math.exp(-dt / BASELINE_TAU_S)));
        }
        baselineMicros = timeMicros;
    }

    /** The unloaded level of a mat never seen empty (see {@link #LEVEL_QUANTILE}), every cell; else 0. */
    private Baseline levelOf(long timeMicros, int[] raw) {
        if (levelMicros == Long.MIN_VALUE || timeMicros - levelMicros >= LEVEL_EVERY_MICROS
                || timeMicros < levelMicros) {
            float value = 0;
            if (raw.length >= LEVEL_MIN_CELLS) {
                if (sorted.length != raw.length) {
                    sorted = new int[raw.length];
                }
                System.arraycopy(raw, 0, sorted, 0, raw.length);
                Arrays.sort(sorted);
                int n = sorted.length - 1;
                int low = sorted[(int) (LEVEL_QUANTILE * n)];
                int next = sorted[(int) ((LEVEL_QUANTILE + 0.1) * n)];
                if (next - low <= Math.max(2, LEVEL_FLAT * low)) {
                    value = low;
                }
            }
            if (levelMicros == Long.MIN_VALUE || level.at(0) != value) {
                level.level(value);
            }
            levelMicros = timeMicros;
        }
        return level;
    }

    /** Ends the session of a mat whose frames stopped arriving, at its last frame. */
    public List<SessionEvent> silence() {
        return tracker.silence();
    }

    /** Ends any running session: the recording is over. */
    public List<SessionEvent> finish() {
        return tracker.finish();
    }

    public boolean onMat() {
        return tracker.onMat();
    }

    /**
     * The posture label for a frame result, "unknown" when nobody is on the mat; null (left out of
     * records) on a lumbar pad, which is not asked for a posture.
     */
    public static String postureLabel(FrameResult r) {
        if (!r.postureAsked()) {
            return null;
        }
        return r.onMat() ? r.body().posture().label() : Posture.UNKNOWN.label();
    }
}
