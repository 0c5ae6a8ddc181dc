package dev.acumat.analytics.evaluation;

import dev.acumat.analytics.AnalyzerEvents;
import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.SimulatedRun;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.offline.LabelledRecordings;
import dev.acumat.analytics.session.SessionSummary;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SensorModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time on the mat with a mat that is not empty when nobody is on it (docs/ANALYTICS.md): the
 * sessions of real recordings whose empty-bed frame is played before and after the person, and
 * of the simulator's {@code on-off} scenario with stuck cells and a topper; each session's
 * start and end against when the person really got on and off.
 */
final class SessionEvaluation {
    /** The target: a session starts and ends within this of the truth. */
    static final double TOLERANCE_S = 1;

    private SessionEvaluation() {
    }

    /** Errors of one kind of run: how many runs, how many gave exactly one session, start and end errors. */
    static final class Errors {
        int runs;
        int oneSession;
        int within;
        double worstStart;
        double worstEnd;
        final List<String> misses = new ArrayList<>();

        void add(String what, List<SessionSummary> sessions, double startS, double endS) {
            runs++;
            if (sessions.size() != 1) {
                misses.add(what + ": " + sessions.size() + " sessions");
                return;
            }
            oneSession++;
            SessionSummary s = sessions.get(0);
            double ds = Math.abs(s.startMicros() / 1e6 - startS);
            double de = Math.abs(s.endMicros() / 1e6 - endS);
            worstStart = Math.max(worstStart, ds);
            worstEnd = Math.max(worstEnd, de);
            if (ds <= TOLERANCE_S && de <= TOLERANCE_S) {
                within++;
            } else {
                misses.add(String.format(Locale.ROOT, "%s: start %+.1f s, end %+.1f s", what,
                        s.startMicros() / 1e6 - startS, s.endMicros() / 1e6 - endS));
            }
        }

        String row(String name) {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f s | %.1f s |", name, runs, oneSession, within,
                    worstStart, worstEnd);
        }
    }

    static String header() {
        return "| recording | runs | one session | start and end within 1 s | worst start | worst end |\n"
                + "|---|---:|---:|---:|---:|---:|";
    }

    /**
     * Each labelled real recording whose first frame is its empty bed: (a) the person, then the
     * empty-bed frame for 60 s; (b) the empty-bed frame for 60 s, the person, the empty bed for
     * 60 s. At the recording's rate, 1 Hz.
     */
    static Map<String, Errors> real(LabelledRecordings recordings) throws IOException {
        Errors after = new Errors();
        Errors around = new Errors();
        java.util.Set<java.nio.file.Path> seen = new java.util.HashSet<>();
        for (LabelledRecordings.Label l : recordings.labels()) {
            if (l.from() < 1 || l.to() != Integer.MAX_VALUE || !seen.add(l.file())) {
                continue;  // no empty-bed frame before the person (experiment II's one frame a posture), or done
            }
            LabelledRecordings.Frames f = LabelledRecordings.frames(l);
            int[] empty = f.frames().get(0);
            List<int[]> person = f.frames().subList(l.from(), (int) Math.min(f.frames().size(), l.to() + 1L));
            String name = l.file().getParent().getFileName() + "/" + l.file().getFileName();
            List<int[]> a = new ArrayList<>(person);
            repeat(a, empty, 60);
            after.add(name + " then empty", sessions(f.spec(), a), 0, person.size());
            List<int[]> b = new ArrayList<>();
            repeat(b, empty, 60);
            b.addAll(person);
            repeat(b, empty, 60);
            around.add("empty, " + name + ", empty", sessions(f.spec(), b), 60, 60 + person.size());
        }
        Map<String, Errors> out = new LinkedHashMap<>();
        out.put("real: the person, then their recording's empty-bed frame for 60 s", after);
        out.put("real: the empty-bed frame for 60 s, the person, the empty bed for 60 s", around);
        return out;
    }

    private static void repeat(List<int[]> into, int[] frame, int times) {
        for (int i = 0; i < times; i++) {
            into.add(frame);
        }
    }

    private static List<SessionSummary> sessions(MatSpec spec, List<int[]> frames) {
        MatAnalyzer analyzer = new MatAnalyzer(spec);
        AnalyzerEvents events = new AnalyzerEvents();
        for (int i = 0; i < frames.size(); i++) {
            events.take(analyzer.analyze(i * 1_000_000L, frames.get(i)).events());
        }
        events.take(analyzer.finish());
        return events.sessions;
    }

    /** The simulator's on-off scenario on both mats with residual loads, several seeds, at 25 Hz. */
    static Map<String, Errors> simulated() {
        Map<String, Errors> out = new LinkedHashMap<>();
        Object[][] loads = {
            {"nothing", 0.0, 0.0},
            {"1 % stuck cells", 0.01, 0.0},
            {"a 0.6 kPa topper", 0.0, 0.6},
            {"2 % stuck cells and a 0.6 kPa topper", 0.02, 0.6},
            {"20 % stuck cells", 0.2, 0.0},
            {"a 1 kPa topper", 0.0, 1.0},
        };
        for (MatGeometry g : new MatGeometry[] {MatGeometry.ACUPRESSURE, MatGeometry.BED}) {
            for (Object[] load : loads) {
                Errors e = new Errors();
                SensorModel sensor = SensorModel.DEFAULT.withStuckCells((double) load[1]).withTopper((double) load[2]);
                for (long seed = 1; seed <= 5; seed++) {
                    SimulatedRun run = new SimulatedRun(Scenarios.create("on-off", 25, seed, g, Body.DEFAULT, sensor), 25)
                            .finish();
                    e.add("seed " + seed, run.sessions, run.onSeconds(), run.offSeconds());
                }
                out.put("simulator, " + (g.rows() == 32 ? "acupressure" : "bed") + " mat, " + load[0], e);
            }
        }
        return out;
    }
}
