package dev.acumat.analytics.session;

import dev.acumat.contract.Posture;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A person's time on one mat: a session runs from getting on to getting off. A lift shorter
 * than {@link #GRACE_MICROS} (repositioning) keeps the session; frames that stop arriving end
 * it at the last frame ({@link #silence}). While it runs it counts the time in each posture,
 * the time with the lower back covered, the mean coverage, and the posture shifts.
 */
public final class SessionTracker {
    /** A lift up to this long is repositioning, not the end of the session. */
    public static final long GRACE_MICROS = 15_000_000;
    /** The lower back counts as on the spikes from this coverage on. */
    public static final double COVERED = 0.5;
    /** Frames further apart than this (a gap in the stream) count for no more than this. */
    public static final long MAX_STEP_MICROS = 2_000_000;
    /** Running totals are reported this often (InfluxDB's session point is rewritten). */
    public static final long UPDATE_MICROS = 10_000_000;
    /** No frame for this long ends the session (see {@link #silence()}). */
    public static final long SILENCE_MICROS = 30_000_000;

    private final String matId;
    private final MatRules rules;
    private final OnMatDetector onMat;
    private final ShiftDetector shifts;

    private String sessionId;
    private long startMicros;
    private long lastMicros = Long.MIN_VALUE;
    private long offSince = -1;
    private long lastUpdate;
    private double lowerBackTime;
    private double coverageTime;
    private double coverageWeighted;
    private int shiftCount;
    private final EnumMap<Posture, Double> postureTime = new EnumMap<>(Posture.class);
    private Observation previous;
    /** Silence ended the session, but frames continuing from where it stopped take it up again. */
    private boolean suspended;

    /**
     * What survives a restart: the on-mat state, the running session's totals, whether silence
     * suspended it, the last frame (whose time is counted when the next one comes) and the shift
     * detector's window, so a restored tracker goes on exactly as this one would have.
     */
    public record State(boolean on, long onCandidateSince, double onCandidateLoad, double personLoad, long onLastMicros, String sessionId, long startMicros, long lastMicros,
                        long offSince, long lastUpdate, double lowerBackTime, double coverageTime,
                        double coverageWeighted, int shiftCount, Map<Posture, Double> postureTime,
                        boolean suspended, Observation previous, ShiftDetector.State shifts) {
    }

    public SessionTracker(String matId) {
        this(matId, MatRules.STANDARD);
    }

    /** A tracker with the thresholds of this kind of mat. */
    public SessionTracker(String matId, MatRules rules) {
        this.matId = matId;
        this.rules = rules;
        this.onMat = new OnMatDetector(rules);
        this.shifts = new ShiftDetector();
    }

    /** A tracker that carries on from a saved {@link #state()}. */
    public SessionTracker(String matId, State s) {
        this(matId, MatRules.STANDARD, s);
    }

    /** A tracker with the thresholds of this kind of mat that carries on from a saved {@link #state()}. */
    public SessionTracker(String matId, MatRules rules, State s) {
        this.matId = matId;
        this.rules = rules;
        this.onMat = new OnMatDetector(rules, s.on(), s.onCandidateSince(), s.onCandidateLoad(), s.personLoad(),
                s.onLastMicros());
        this.shifts = new ShiftDetector();
        shifts.restore(s.shifts());
        this.sessionId = s.sessionId();
        this.startMicros = s.startMicros();
        this.lastMicros = s.lastMicros();
        this.offSince = s.offSince();
        this.lastUpdate = s.lastUpdate();
        this.lowerBackTime = s.lowerBackTime();
        this.coverageTime = s.coverageTime();
        this.coverageWeighted = s.coverageWeighted();
        this.shiftCount = s.shiftCount();
        this.postureTime.putAll(s.postureTime());
        this.suspended = s.suspended();
        this.previous = s.previous();
    }

    public State state() {
        return new State(onMat.on(), onMat.candidateSince(), onMat.candidateLoad(), onMat.personLoad(), onMat.lastMicros(), sessionId, startMicros, lastMicros, offSince, lastUpdate,
                lowerBackTime, coverageTime, coverageWeighted, shiftCount, new EnumMap<>(postureTime), suspended,
                previous, shifts.state());
    }

    /** Takes one frame; returns what happened with it (often nothing). */
    public List<SessionEvent> observe(Observation o) {
        List<SessionEvent> events = new ArrayList<>(1);
        if (suspended) {
            resumeOrClose(o, events);
        }
        long changedAt = onMat.observe(o.timeMicros(), o.bodyAreaCm2(), o.load());
        if (sessionId != null && previous != null) {
            account(previous, Math.min(MAX_STEP_MICROS, o.timeMicros() - previous.timeMicros()));
        }
        lastMicros = o.timeMicros();
        if (sessionId == null && onMat.on() && changedAt < 0) {
            // On the mat with no session: one closed by a long silence, and the person is still there.
            start(o.timeMicros(), events);
        } else if (changedAt >= 0 && onMat.on()) {
            if (sessionId == null) {
                start(changedAt, events);
            } else if (offSince >= 0) {
                offSince = -1;  // back within the grace period: a lift; shifts compare postures across it
                shifts.lifted();
            }
        } else if (changedAt >= 0 && sessionId != null) {
            offSince = changedAt;
        }
        if (sessionId != null && offSince >= 0 && o.timeMicros() - offSince > GRACE_MICROS) {
            events.add(new SessionEvent.Ended(end(offSince, "got-off")));
        }
        if (sessionId != null && onMat.on() && offSince < 0) {
            ShiftDetector.Shift shift = shifts.observe(o.timeMicros(), o.copXCm(), o.copYCm(), o.posture(), o.load());
            if (shift != null) {
                shiftCount++;
                events.add(new SessionEvent.Shifted(sessionId, shift));
            }
        }
        if (sessionId != null && o.timeMicros() - lastUpdate >= UPDATE_MICROS) {
            lastUpdate = o.timeMicros();
            events.add(new SessionEvent.Updated(summary(null, lastMicros)));
        }
        previous = sessionId != null ? o : null;
        return events;
    }

    /**
     * Ends the session of a mat whose frames stopped arriving, at its last frame (or when the
     * person got off, if they had). The caller judges the silence on its own clock: frame times
     * come from the mat's, which need not agree with it. The frames may only be late (the broker
     * was away, the gateway spooled them): if the next frame follows the last one within
     * {@link #SILENCE_MICROS} of the mat's time, the same session goes on, active again, as if
     * there had been no silence; otherwise it stays ended.
     */
    public List<SessionEvent> silence() {
        if (sessionId == null || suspended) {
            return List.of();
        }
        suspended = true;
        return List.of(new SessionEvent.Ended(summary("silent", Math.max(startMicros, offSince >= 0 ? offSince : lastMicros))));
    }

    /** The first frame after a silence: the session goes on if the frames are continuous, else it is over. */
    private void resumeOrClose(Observation o, List<SessionEvent> events) {
        suspended = false;
        if (o.timeMicros() - lastMicros <= SILENCE_MICROS) {
            events.add(new SessionEvent.Updated(summary(null, lastMicros)));
        } else {
            sessionId = null;
            offSince = -1;
            previous = null;
        }
    }

    /** Ends any running session: the recording is over. */
    public List<SessionEvent> finish() {
        if (sessionId == null || suspended) {
            return List.of();
        }
        return List.of(new SessionEvent.Ended(end(offSince >= 0 ? offSince : lastMicros, "end-of-recording")));
    }

    public boolean onMat() {
        return onMat.on();
    }

    /** Whether this frame turned the mat off with what the person left behind at rest. */
    public boolean leftSettled() {
        return onMat.leftSettled();
    }

    /** The running session's id, or null. */
    public String sessionId() {
        return suspended ? null : sessionId;
    }

    /** The running session's totals, or null. */
    public SessionSummary current() {
        return sessionId == null || suspended ? null : summary(null, lastMicros);
    }

    private void start(long at, List<SessionEvent> events) {
        sessionId = matId + "." + Math.floorDiv(at, 1000);
        startMicros = at;
        lastUpdate = at;
        offSince = -1;
        lowerBackTime = 0;
        coverageTime = 0;
        coverageWeighted = 0;
        shiftCount = 0;
        postureTime.clear();
        shifts.reset();
        events.add(new SessionEvent.Started(summary(null, at)));
    }

    /** Attributes the time until the next frame to the state of this frame, while on the mat. */
    private void account(Observation o, long stepMicros) {
        if (stepMicros <= 0 || offSince >= 0 || !onMat.on() || o.bodyAreaCm2() < rules.area(OnMatDetector.OFF_AREA_CM2)) {
            return;  // off the mat, or on the way off: not time in a posture
        }
        double s = stepMicros / 1e6;
        if (rules.postures()) {
            postureTime.merge(o.posture(), s, Double::sum);
        }
        if (!Double.isNaN(o.lowerBackCoverage())) {
            coverageTime += s;
            coverageWeighted += o.lowerBackCoverage() * s;
            if (o.lowerBackCoverage() >= rules.coveredFrom()) {
                lowerBackTime += s;
            }
        }
    }

    private SessionSummary end(long endMicros, String reason) {
        SessionSummary s = summary(reason, Math.max(startMicros, endMicros));
        sessionId = null;
        offSince = -1;
        previous = null;
        return s;
    }

    private SessionSummary summary(String endReason, long endMicros) {
        Map<Posture, Double> times = new EnumMap<>(postureTime);
        return new SessionSummary(sessionId, startMicros, lastMicros, endMicros, endReason == null, lowerBackTime,
                coverageTime > 0 ? coverageWeighted / coverageTime : Double.NaN, shiftCount, times, endReason);
    }
}
