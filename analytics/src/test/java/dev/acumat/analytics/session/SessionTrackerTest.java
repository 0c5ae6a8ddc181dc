package dev.acumat.analytics.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Posture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTrackerTest {
    private static final long FRAME = 40_000;  // 25 Hz
    private final SessionTracker tracker = new SessionTracker("mat-1");
    private final List<SessionEvent> events = new ArrayList<>();
    private long t = 1_000_000_000_000L;

    /** Feeds {@code seconds} of identical frames. */
    private void lie(double seconds, double area, double x, double y, Posture p, double coverage) {
        for (long end = t + (long) (seconds * 1e6); t < end; t += FRAME) {
            events.addAll(tracker.observe(new Observation(t, area, x, y, p, coverage, area)));
        }
    }

    private void lie(double seconds, double area, double x, double y, Posture p, double coverage, double load) {
        for (long end = t + (long) (seconds * 1e6); t < end; t += FRAME) {
            events.addAll(tracker.observe(new Observation(t, area, x, y, p, coverage, load)));
        }
    }

    private void empty(double seconds) {
        lie(seconds, 0, Double.NaN, Double.NaN, Posture.UNKNOWN, Double.NaN);
    }

    private <T extends SessionEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aSessionRunsFromGettingOnToGettingOffWithItsTotals() {
        empty(5);
        long on = t;
        lie(60, 900, 22, 35, Posture.SUPINE, 0.7);   // lower back covered
        lie(30, 900, 22, 35, Posture.SUPINE, 0.3);   // not covered
        long off = t;
        empty(20);

        assertThat(of(SessionEvent.Started.class)).hasSize(1);
        SessionSummary s = of(SessionEvent.Ended.class).get(0).session();
        assertThat(s.startMicros()).isEqualTo(on);
        assertThat(s.endMicros()).isEqualTo(off);
        assertThat(s.durationS()).isCloseTo(90, org.assertj.core.data.Offset.offset(0.05));
        assertThat(s.lowerBackTimeS()).isCloseTo(60, org.assertj.core.data.Offset.offset(1.1));
        assertThat(s.coverageMean()).isCloseTo((60 * 0.7 + 30 * 0.3) / 90, org.assertj.core.data.Offset.offset(0.02));
        assertThat(s.postureTimeS().get(Posture.SUPINE)).isCloseTo(89, org.assertj.core.data.Offset.offset(1.1));
        assertThat(s.postureTimeS()).doesNotContainKey(Posture.UNKNOWN);
        assertThat(s.postureShifts()).isZero();
        assertThat(s.endReason()).isEqualTo("got-off");
        assertThat(s.sessionId()).isEqualTo("mat-1." + on / 1000);
        assertThat(of(SessionEvent.Updated.class)).as("every 10 s, through the grace period").hasSizeBetween(9, 10);
    }

    @Test
    void aShortLiftIsRepositioningNotANewSession() {
        lie(30, 900, 22, 35, Posture.SUPINE, 0.7);
        empty(5);
        lie(30, 900, 22, 35, Posture.SUPINE, 0.7);
        empty(20);
        assertThat(of(SessionEvent.Started.class)).hasSize(1);
        assertThat(of(SessionEvent.Ended.class)).hasSize(1);
        assertThat(of(SessionEvent.Shifted.class)).as("a lift is not a shift").isEmpty();
    }

    @Test
    void aLongLiftEndsTheSessionAndANewOneStarts() {
        lie(30, 900, 22, 35, Posture.SUPINE, 0.7);
        empty(20);
        lie(30, 900, 22, 35, Posture.SUPINE, 0.7);
        assertThat(of(SessionEvent.Started.class)).hasSize(2);
        assertThat(of(SessionEvent.Ended.class)).hasSize(1);
    }

    @Test
    void aBrushOfAHandIsNotSomeoneOnTheMat() {
        empty(2);
        lie(0.5, 900, 22, 35, Posture.UNKNOWN, Double.NaN);
        empty(5);
        lie(10, 150, 22, 35, Posture.UNKNOWN, Double.NaN);
        assertThat(events).isEmpty();
        assertThat(tracker.onMat()).isFalse();
    }

    @Test
    void postureChangesAndSettledMovesAreShiftsButBreathingIsNot() {
        for (int i = 0; i < 25 * 30; i++, t += FRAME) {  // 30 s of breathing: 4 mm back and forth
            double breath = 0.4 * Math.sin(2 * Math.PI * i / 25 / 4.0);
            events.addAll(tracker.observe(new Observation(t, 900, 22, 35 + breath, Posture.SUPINE, 0.7, 900)));
        }
        assertThat(of(SessionEvent.Shifted.class)).isEmpty();
        lie(1, 900, 23, 36, Posture.UNKNOWN, Double.NaN);          // rolling
        lie(10, 500, 28, 35, Posture.LEFT, Double.NaN);             // on the left side
        lie(10, 900, 22, 35, Posture.SUPINE, 0.7);                  // back
        lie(10, 900, 26, 35, Posture.SUPINE, 0.5);                  // a 4 cm sideways shift
        List<SessionEvent.Shifted> shifts = of(SessionEvent.Shifted.class);
        assertThat(shifts).extracting(s -> s.shift().from() + ">" + s.shift().to())
                .containsExactly("SUPINE>LEFT", "LEFT>SUPINE", "SUPINE>SUPINE");
        assertThat(shifts.get(2).shift().copShiftCm()).isCloseTo(4, org.assertj.core.data.Offset.offset(0.1));
        assertThat(tracker.current().postureShifts()).isEqualTo(3);
    }

    @Test
    void pushingUpToRepositionIsNotAShift() {
        lie(20, 900, 22, 35, Posture.SUPINE, 0.7);
        lie(3, 400, 22, 35, Posture.PRONE, Double.NaN);  // most of the weight off the mat: odd readings
        lie(20, 900, 25, 38, Posture.SUPINE, 0.7);       // put down a little elsewhere
        assertThat(of(SessionEvent.Shifted.class)).isEmpty();
        lie(20, 900, 22, 35, Posture.SUPINE, 0.7);       // a real shift after it still counts
        assertThat(of(SessionEvent.Shifted.class)).hasSize(1);
    }

    @Test
    void framesThatStopArrivingEndTheSessionAtTheLastFrame() {
        lie(20, 900, 22, 35, Posture.SUPINE, 0.7);
        long last = t - FRAME;
        List<SessionEvent> ended = tracker.silence();
        assertThat(ended).hasSize(1);
        SessionSummary s = ((SessionEvent.Ended) ended.get(0)).session();
        assertThat(s.endMicros()).isEqualTo(last);
        assertThat(s.endReason()).isEqualTo("silent");
    }

    @Test
    void aRestoredTrackerCarriesOnTheSameSession() {
        lie(20, 900, 22, 35, Posture.SUPINE, 0.7);
        SessionTracker again = new SessionTracker("mat-1", tracker.state());
        assertThat(again.sessionId()).isEqualTo(tracker.sessionId());
        for (long end = t + 20_000_000; t < end; t += FRAME) {
            events.addAll(again.observe(new Observation(t, 900, 22, 35, Posture.SUPINE, 0.7, 900)));
        }
        for (long end = t + 20_000_000; t < end; t += FRAME) {
            events.addAll(again.observe(new Observation(t, 0, Double.NaN, Double.NaN, Posture.UNKNOWN, Double.NaN, 0)));
        }
        SessionSummary s = of(SessionEvent.Ended.class).get(0).session();
        assertThat(s.lowerBackTimeS()).isCloseTo(40, org.assertj.core.data.Offset.offset(1.2));
        assertThat(of(SessionEvent.Started.class)).hasSize(1);
    }

    /** Feeds a scripted stretch with shifts to {@code to}, restoring from {@link SessionTracker#state()} at the given frames. */
    private static List<String> scripted(SessionTracker first, java.util.Set<Integer> restoreAt) {
        SessionTracker tr = first;
        List<String> out = new ArrayList<>();
        long time = 1_000_000_000_000L;
        for (int i = 0; i < 25 * 60; i++, time += FRAME) {
            if (restoreAt.contains(i)) {
                tr = new SessionTracker("mat-1", tr.state());
            }
            int phase = i / (25 * 6);  // a new place every 6 s, reached over a second
            double x = 22 + 4 * (phase % 2) * Math.min(1, (i % (25 * 6)) / 25.0);
            Posture p = phase == 5 ? Posture.LEFT : Posture.SUPINE;
            for (SessionEvent e : tr.observe(new Observation(time, 900, x, 35, p, p == Posture.LEFT ? Double.NaN : 0.7, 900))) {
                out.add(e.toString());
            }
        }
        out.add(String.valueOf(tr.current()));
        return out;
    }

    @Test
    void aTrackerRestoredAtAnyFrameDecidesExactlyAsOneNeverRestored() {
        List<String> straight = scripted(new SessionTracker("mat-1"), java.util.Set.of());
        assertThat(straight.stream().filter(e -> e.startsWith("Shifted"))).hasSizeGreaterThan(3);
        // Restores in the middle of movements, of settling windows and of a frame's step.
        java.util.Set<Integer> often = new java.util.HashSet<>();
        for (int i = 1; i < 25 * 60; i += 7) {
            often.add(i);
        }
        assertThat(scripted(new SessionTracker("mat-1"), often)).containsExactlyElementsOf(straight);
    }

    @Test
    void framesThatComeLateAfterASilenceCarryOnTheSameSessionAsIfNothingHadHappened() {
        SessionTracker steady = new SessionTracker("mat-1");
        List<SessionEvent> steadyEvents = new ArrayList<>();
        long start = t;
        lie(20, 900, 22, 35, Posture.SUPINE, 0.7);
        List<SessionEvent> silent = tracker.silence();
        assertThat(silent).hasSize(1);
        assertThat(((SessionEvent.Ended) silent.get(0)).session().endReason()).isEqualTo("silent");
        assertThat(tracker.silence()).as("said once").isEmpty();
        assertThat(tracker.sessionId()).isNull();
        int before = events.size();
        lie(40, 900, 22, 35, Posture.SUPINE, 0.7);  // the spooled frames arrive: no gap in the mat's time

        for (long time = start; time < t; time += FRAME) {
            steadyEvents.addAll(steady.observe(new Observation(time, 900, 22, 35, Posture.SUPINE, 0.7, 900)));
        }
        assertThat(of(SessionEvent.Started.class)).hasSize(1);
        assertThat(tracker.current()).isEqualTo(steady.current());
        assertThat(events.get(before)).as("the session said active again at once")
                .isInstanceOfSatisfying(SessionEvent.Updated.class, u -> assertThat(u.session().active()).isTrue());
    }

    @Test
    void aSilenceLongerThanTheMatsOwnGapEndsTheSessionAndSomeoneStillThereStartsANewOne() {
        lie(20, 900, 22, 35, Posture.SUPINE, 0.7);
        String first = tracker.sessionId();
        tracker.silence();
        t += 2 * SessionTracker.SILENCE_MICROS;  // the mat itself was silent
        lie(20, 900, 22, 35, Posture.SUPINE, 0.7);
        assertThat(of(SessionEvent.Started.class)).extracting(s -> s.session().sessionId())
                .containsExactly(first, tracker.sessionId());
        assertThat(tracker.sessionId()).isNotEqualTo(first);
        assertThat(tracker.current().durationS()).isCloseTo(20, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void theClassifierChangingItsMindWhileTheBodyDoesNotMoveIsNoShift() {
        lie(10, 900, 22, 35, Posture.SUPINE, 0.7);
        lie(10, 900, 22.5, 35, Posture.LEFT, Double.NaN);   // half a centimetre: the same body, read otherwise
        assertThat(of(SessionEvent.Shifted.class)).isEmpty();
        lie(10, 900, 27, 35, Posture.RIGHT, Double.NaN);    // rolled over: moved and turned
        assertThat(of(SessionEvent.Shifted.class)).extracting(s -> s.shift().from() + ">" + s.shift().to())
                .containsExactly("LEFT>RIGHT");
    }

    @Test
    void afterAMomentOffTheMatOnlyANewPostureIsAShift() {
        lie(10, 900, 22, 35, Posture.SUPINE, 0.7);
        empty(3);
        lie(10, 900, 26, 38, Posture.SUPINE, 0.7);   // lay down again elsewhere: no shift
        assertThat(of(SessionEvent.Shifted.class)).isEmpty();
        empty(3);
        lie(10, 700, 26, 38, Posture.LEFT, Double.NaN);
        assertThat(of(SessionEvent.Shifted.class)).extracting(s -> s.shift().from() + ">" + s.shift().to())
                .containsExactly("SUPINE>LEFT");
        assertThat(of(SessionEvent.Started.class)).hasSize(1);
    }

    @Test
    void whatThePersonLeftBehindEndsTheSessionWhenTheyGotOff() {
        empty(5);
        lie(60, 900, 22, 35, Posture.SUPINE, 0.7);
        long off = t;
        // A pillow and a fold of the topper: more than the off area, a tenth of the load.
        lie(30, 110, 22, 10, Posture.SITTING, Double.NaN, 90);
        List<SessionEvent.Ended> ended = of(SessionEvent.Ended.class);
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).session().endMicros()).isEqualTo(off);
        assertThat(ended.get(0).session().endReason()).isEqualTo("got-off");
        assertThat(tracker.leftSettled()).isFalse();
    }
}
