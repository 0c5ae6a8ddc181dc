package dev.acumat.analytics.evaluation;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.FrameTruth;
import dev.acumat.simulator.ReplayFile;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores posture-shift detection (docs/ANALYTICS.md): recall and false shifts per hour on the
 * simulator's ground truth (both mat geometries, several seeds) and on real sequences made by
 * joining PhysioNet PMD files of one person (supine, right, supine, left, ...). Not a test: run
 * it by hand with the PMD development subset's folder as argument (docs/ANALYTICS.md,
 * "Reproducing", gives the command).
 */
public final class ShiftEvaluation {
    /** A detection this close to a truth shift (before its start or after it settled) finds it. */
    static final double MATCH_S = 5;

    private ShiftEvaluation() {
    }

    record Score(int truth, int found, int falseShifts, double onHours) {
        Score plus(Score o) {
            return new Score(truth + o.truth, found + o.found, falseShifts + o.falseShifts, onHours + o.onHours);
        }

        String line(String what) {
            return String.format(Locale.ROOT, "%-44s truth %4d  found %4d  recall %5.1f %%  false %3d  (%.1f per hour on the mat, %.2f h)",
                    what, truth, found, truth == 0 ? 100 : 100.0 * found / truth, falseShifts,
                    onHours == 0 ? 0 : falseShifts / onHours, onHours);
        }
    }

    public static void main(String[] args) throws IOException {
        Score simTotal = new Score(0, 0, 0, 0);
        for (MatGeometry g : List.of(MatGeometry.ACUPRESSURE, MatGeometry.BED)) {
            for (String scenario : List.of("session", "shifts", "roll")) {
                Score sum = new Score(0, 0, 0, 0);
                for (long seed = 11; seed < 16; seed++) {
                    sum = sum.plus(simulated(scenario, seed, g));
                }
                System.out.println(sum.line("simulator " + scenario + " " + g.rows() + "x" + g.cols() + " (5 seeds)"));
                simTotal = simTotal.plus(sum);
            }
        }
        System.out.println(simTotal.line("simulator, all"));
        if (args.length > 0) {
            Score pmdTotal = new Score(0, 0, 0, 0);
            for (String subject : List.of("S1", "S2", "S3", "S4")) {
                Score s = pmd(Path.of(args[0]), subject);
                System.out.println(s.line("PMD " + subject + " joined sequence"));
                pmdTotal = pmdTotal.plus(s);
            }
            System.out.println(pmdTotal.line("PMD, all subjects"));
        }
    }

    /** A truth shift: the frames from its start to when it settled. */
    record Truth(double startS, double settledS) {
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
        return score(truth, found, onFrames / 25.0 / 3600);
    }

    private static void collect(List<SessionEvent> events, List<Double> found) {
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Shifted s) {
                found.add(s.shift().timeMicros() / 1e6);
            }
        }
    }

    static Score score(List<Truth> truth, List<Double> found, double onHours) {
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
        for (boolean u : used) {
            unmatched += u ? 0 : 1;
        }
        return new Score(truth.size(), matched, unmatched, onHours);
    }

    /**
     * One subject's files joined: supine, right, supine, left, then the wedges and foetal
     * positions, each file's valid frames at 1 Hz. A boundary between two coarse classes is a
     * posture change to find; a boundary within one class may or may not move the body, so a
     * detection there is neither found nor false.
     */
    static Score pmd(Path dir, String subject) throws IOException {
        int[] order = {1, 2, 1, 3, 8, 4, 9, 6, 10, 5, 11, 7, 12, 13, 1, 14};
        List<String[]> labels = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("labels.csv"), StandardCharsets.US_ASCII).subList(1, 69)) {
            labels.add(line.split(","));
        }
        MatAnalyzer analyzer = new MatAnalyzer(MatSpec.raw("pmd", 64, 32, 28, 12));
        int[] values = new int[2048];
        List<Truth> truth = new ArrayList<>();
        List<Double> ambiguous = new ArrayList<>();
        List<Double> found = new ArrayList<>();
        long frame = 0;
        String previousClass = null;
        for (int posture : order) {
            String[] label = labels.stream().filter(l -> l[0].equals(subject + "/" + posture + ".txt")).findFirst()
                    .orElseThrow();
            int first = Integer.parseInt(label[12]);
            if (previousClass != null) {
                if (previousClass.equals(label[6])) {
                    ambiguous.add((double) frame);
                } else {
                    truth.add(new Truth(frame, frame));
                }
            }
            previousClass = label[6];
            try (ReplayFile f = ReplayFile.open(dir.resolve(label[0]), 64, 32)) {
                for (int i = 0; f.next(values); i++) {
                    if (i < first) {
                        continue;
                    }
                    collect(analyzer.analyze(frame * 1_000_000, values).events(), found);
                    frame++;
                }
            }
        }
        collect(analyzer.finish(), found);
        found.removeIf(f -> ambiguous.stream().anyMatch(a -> Math.abs(a - f) <= MATCH_S));
        return score(truth, found, frame / 3600.0);
    }
}
