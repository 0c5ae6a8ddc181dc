package dev.acumat.analytics.evaluation;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.contract.Posture;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.offline.LabelledRecordings;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.FrameTruth;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores posture-shift detection (docs/ANALYTICS.md): recall and false shifts per 10 minutes on
 * the mat, on the simulator's ground truth (both mats, several seeds) and on real sequences
 * made by joining one person's recordings of experiment I (supine, right, supine, left, ...):
 * each file's valid frames one after the other, and the files whole (their empty-bed and noise
 * frames in between, as {@code acumat analyze} reads joined files).
 */
final class ShiftEvaluation {
    /** A detection this close to a truth shift (before its start or after it settled) finds it. */
    static final double MATCH_S = 5;
    /** The order files are joined in: posture indices of experiment I. */
    static final int[] ORDER = {1, 2, 1, 3, 8, 4, 9, 6, 10, 5, 11, 7, 12, 13, 1, 14};

    private ShiftEvaluation() {
    }

    record Score(int truth, int found, int falseShifts, double onSeconds) {
        Score plus(Score o) {
            return new Score(truth + o.truth, found + o.found, falseShifts + o.falseShifts, onSeconds + o.onSeconds);
        }

        String row(String what) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %.1f %% | %d | %.2f | %.1f |", what, truth, found,
                    truth == 0 ? 100 : 100.0 * found / truth, falseShifts,
                    onSeconds == 0 ? 0 : falseShifts / (onSeconds / 600), onSeconds / 60);
        }
    }

    static String header() {
        return "| data | true shifts | found | recall | false | false per 10 min on the mat | minutes on the mat |\n"
                + "|---|---:|---:|---:|---:|---:|---:|";
    }

    /** A truth shift: from its start to when it settled. */
    record Truth(double startS, double settledS) {
    }

    /** The simulator's scenarios with shifts, five seeds each, on both mats. */
    static Map<String, Score> simulated() {
        Map<String, Score> out = new LinkedHashMap<>();
        for (MatGeometry g : List.of(MatGeometry.ACUPRESSURE, MatGeometry.BED)) {
            for (String scenario : List.of("session", "shifts", "roll")) {
                Score sum = new Score(0, 0, 0, 0);
                for (long seed = 11; seed < 16; seed++) {
                    sum = sum.plus(simulated(scenario, seed, g));
                }
                out.put("simulator `" + scenario + "`, " + g.rows() + " x " + g.cols() + ", 5 seeds", sum);
            }
        }
        return out;
    }

    static Score simulated(String scenario, long seed, MatGeometry geometry) {
        SyntheticMat mat = Scenarios.create(scenario, 25, seed, geometry);
        DeviceInfo info = mat.deviceInfo("eval");
        MatAnalyzer analyzer = new MatAnalyzer(MatSpec.of(info));
        int[] values = new int[info.cells()];
        List<Truth> truth = new ArrayList<>();
        List<Double> found = new ArrayList<>();
        double shiftStart = -1;
        long onFrames = 0;
        for (long i = 0; mat.next(values); i++) {
            double t = i / 25.0;
            FrameTruth ft = mat.truth();
            if (ft.shift() && shiftStart < 0) {
                shiftStart = t;
            } else if (!ft.shift() && shiftStart >= 0) {
                truth.add(new Truth(shiftStart, t));
                shiftStart = -1;
            }
            onFrames += ft.onMat() ? 1 : 0;
            collect(analyzer.analyze(Math.round(t * 1e6), values).events(), found);
        }
        collect(analyzer.finish(), found);
        return score(truth, found, List.of(), onFrames / 25.0);
    }

    /**
     * Each experiment I subject's recordings joined in {@link #ORDER}, at 1 Hz: a boundary
     * between two coarse postures is a shift to find; a boundary inside one (supine to another
     * supine variant, right to a right wedge) may or may not move the body, so a detection there
     * counts neither way. {@code whole}: the files as they are, their empty-bed and noise frames
     * between the postures; else each file's valid frames only.
     */
    static Map<String, Score> joined(LabelledRecordings recordings, boolean whole) throws IOException {
        Map<String, List<LabelledRecordings.Label>> bySubject = new LinkedHashMap<>();
        for (LabelledRecordings.Label l : recordings.labels()) {
            if (l.mat().equals("pmd1")) {
                bySubject.computeIfAbsent(l.subject(), k -> new ArrayList<>()).add(l);
            }
        }
        Map<String, Score> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<LabelledRecordings.Label>> e : bySubject.entrySet()) {
            out.put(e.getKey(), joined(e.getValue(), whole));
        }
        return out;
    }

    private static Score joined(List<LabelledRecordings.Label> labels, boolean whole) throws IOException {
        MatAnalyzer analyzer = null;
        List<Truth> truth = new ArrayList<>();
        List<Double> ambiguous = new ArrayList<>();
        List<Double> found = new ArrayList<>();
        long frame = 0;
        Posture previous = null;
        for (int index : ORDER) {
            LabelledRecordings.Label label = labels.stream()
                    .filter(l -> l.file().getFileName().toString().matches(index + "\\.txt(\\.gz)?")).findFirst()
                    .orElse(null);
            if (label == null) {
                continue;
            }
            LabelledRecordings.Frames f = LabelledRecordings.frames(label);
            if (analyzer == null) {
                analyzer = new MatAnalyzer(f.spec());
            }
            int from = whole ? 0 : label.from();
            int to = Math.min(f.frames().size() - 1, label.to());
            // The boundary: the first valid frame of the next posture.
            double boundary = frame + (label.from() - from);
            if (previous != null) {
                if (previous == label.posture()) {
                    ambiguous.add(boundary);
                } else {
                    truth.add(new Truth(frame, boundary));
                }
            }
            previous = label.posture();
            for (int i = from; i <= to; i++) {
                collect(analyzer.analyze(frame * 1_000_000, f.frames().get(i)).events(), found);
                frame++;
            }
        }
        if (analyzer != null) {
            collect(analyzer.finish(), found);
        }
        return score(truth, found, ambiguous, frame);
    }

    private static void collect(List<SessionEvent> events, List<Double> found) {
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Shifted s) {
                found.add(s.shift().timeMicros() / 1e6);
            }
        }
    }

    static Score score(List<Truth> truth, List<Double> detections, List<Double> ambiguous, double onSeconds) {
        List<Double> found = new ArrayList<>(detections);
        boolean[] used = new boolean[found.size()];
        int matched = 0;
        for (Truth t : truth) {
            for (int j = 0; j < found.size(); j++) {
                double f = found.get(j);
                if (!used[j] && f >= t.startS() - MATCH_S && f <= t.settledS() + MATCH_S) {
                    used[j] = true;
                    matched++;
                    break;
                }
            }
        }
        int unmatched = 0;
        for (int j = 0; j < found.size(); j++) {
            double f = found.get(j);
            if (!used[j] && ambiguous.stream().noneMatch(a -> Math.abs(a - f) <= MATCH_S)) {
                unmatched++;
            }
        }
        return new Score(truth.size(), matched, unmatched, onSeconds);
    }
}
