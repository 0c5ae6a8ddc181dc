package dev.acumat.analytics;

import dev.acumat.analytics.body.BodyAnalyzer;
import dev.acumat.analytics.body.BodyReading;
import dev.acumat.analytics.body.Posture;
import dev.acumat.analytics.frame.Baseline;
import dev.acumat.analytics.frame.ContactMetrics;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.analytics.frame.PressureMapper;
import dev.acumat.analytics.session.Observation;
import dev.acumat.analytics.session.OnMatDetector;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.analytics.session.SessionTracker;
import dev.acumat.protocol.PressureFrame;
import java.util.List;

/**
 * Everything the analytics do for one mat, frame by frame, in one place and without Kafka:
 * raw counts to pressure above the empty mat's baseline, contact metrics, posture and the
 * lower back, time on the mat, sessions and shifts. The same code runs in the streaming
 * service and in {@code acumat analyze}. One instance per mat, on one thread.
 */
public final class MatAnalyzer {
    private final MatSpec spec;
    private final PressureMapper mapper;
    private final BodyAnalyzer body = new BodyAnalyzer();
    private final Baseline baseline;
    private final SessionTracker tracker;
    private long lastReportedSecond;
    /** The current frame's raw values, reused: nothing keeps them past {@link #analyze}. */
    private int[] raw = new int[0];

    /**
     * One frame's outcome.
     *
     * @param report  whether this frame is the mat's contact point for its second (the first
     *                frame of each second of frame time while someone is on the mat)
     * @param map     the pressure map, valid until the next frame
     */
    public record FrameResult(long timeMicros, boolean onMat, String sessionId, ContactMetrics contact,
                              BodyReading body, boolean report, List<SessionEvent> events, PressureMap map) {
        /** The lower-back coverage, or null when it is not on the mat. */
        public Double lowerBackCoverage() {
            return body.lowerBackCoverage();
        }
    }

    /** The state worth keeping across a restart. */
    public record State(float[] baseline, boolean baselineSeeded, SessionTracker.State tracker, long lastReportedSecond) {
    }

    public MatAnalyzer(MatSpec spec) {
        this.spec = spec;
        this.mapper = new PressureMapper(spec);
        this.baseline = new Baseline(spec.cells());
        this.tracker = new SessionTracker(spec.matId());
        this.lastReportedSecond = Long.MIN_VALUE;
    }

    /** Carries on from a saved state, for the same mat geometry. */
    public MatAnalyzer(MatSpec spec, State state) {
        if (state.baseline().length != spec.cells()) {
            throw new IllegalArgumentException("saved state is for " + state.baseline().length + " cells, the mat has "
                    + spec.cells());
        }
        this.spec = spec;
        this.mapper = new PressureMapper(spec);
        this.baseline = new Baseline(state.baseline(), state.baselineSeeded());
        this.tracker = new SessionTracker(spec.matId(), state.tracker());
        this.lastReportedSecond = state.lastReportedSecond();
    }

    public MatSpec spec() {
        return spec;
    }

    public State state() {
        return new State(baseline.values(), baseline.seeded(), tracker.state(), lastReportedSecond);
    }

    /** Analyses one frame taken at {@code timeMicros}, its values read without a copy of their own. */
    public FrameResult analyze(long timeMicros, PressureFrame frame) {
        if (raw.length != frame.cells()) {
            raw = new int[frame.cells()];
        }
        frame.copyTo(raw);
        return analyze(timeMicros, raw);
    }

    /** Analyses one frame of raw counts (row-major) taken at {@code timeMicros}. */
    public FrameResult analyze(long timeMicros, int[] raw) {
        PressureMap map = mapper.map(raw, baseline);
        ContactMetrics contact = mapper.contactMetrics();
        BodyReading reading = body.analyze(map);
        double coverage = reading.lowerBack() == null ? Double.NaN : reading.lowerBack().coverage();
        List<SessionEvent> events = tracker.observe(new Observation(timeMicros, contact.contactAreaCm2(),
                contact.copXCm(), contact.copYCm(), reading.posture(), coverage, contact.loadForceN()));
        boolean on = tracker.onMat();
        if (!on && contact.contactAreaCm2() < OnMatDetector.OFF_AREA_CM2) {
            // Only an empty mat teaches the baseline: a person's pressure is not drift.
            baseline.followEmpty(raw);
        }
        long second = Math.floorDiv(timeMicros, 1_000_000L);
        boolean report = on && second != lastReportedSecond;
        if (report) {
            lastReportedSecond = second;
        }
        return new FrameResult(timeMicros, on, tracker.sessionId(), contact, reading, report,
                events, map);
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

    /** The posture label for a frame result, "unknown" when nobody is on the mat. */
    public static String postureLabel(FrameResult r) {
        return r.onMat() ? r.body().posture().label() : Posture.UNKNOWN.label();
    }
}
