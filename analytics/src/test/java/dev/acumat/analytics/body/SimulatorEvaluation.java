package dev.acumat.analytics.body;

import dev.acumat.simulator.FrameTruth;
import dev.acumat.contract.Posture;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.BodyModel;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Pose;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.Script;
import dev.acumat.simulator.synthetic.SensorModel;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.util.Locale;

/**
 * The shipped models against the simulator's ground truth, on bodies and seeds they were not
 * trained on: posture per frame of the scripted scenarios (each frame on its own, and through
 * the posture filter as the analytics run it) and of random still poses, and the lower-back
 * coverage against the truth's lumbar coverage.
 */
public final class SimulatorEvaluation {
    static final String[] SCENARIOS = {"session", "shifts", "roll", "sit-up", "stand", "prone"};
    static final double HZ = 5;
    static final long[] SEEDS = {101, 202};
    /** The simulator's truth counts a lumbar cell as touching from this noiseless pressure (5 mmHg). */
    static final double TRUTH_CONTACT_KPA = BodyModel.CONTACT_KPA;

    private SimulatorEvaluation() {
    }

    public static void main(String[] args) {
        run();
    }

    static String geometryName(MatGeometry g) {
        return (g.rows() == 32 ? "acupressure " : "bed ") + g.rows() + " x " + g.cols();
    }

    public static void run() {
        StringBuilder random = new StringBuilder();
        StringBuilder back = new StringBuilder(CoverageStats.header());
        System.out.println("### Simulator, scripted scenarios (held-out bodies and seeds)\n");
        for (MatGeometry g : new MatGeometry[] {MatGeometry.ACUPRESSURE, MatGeometry.BED}) {
            PostureModel model = PostureModel.shipped(g.rows() == 32 ? PostureModel.Layout.TORSO
                    : PostureModel.Layout.WHOLE_BODY);
            BodyAnalyzer analyzer = new BodyAnalyzer(model);
            BodyAnalyzer filtered = new BodyAnalyzer(model);
            BodyAnalyzer quietAnalyzer = new BodyAnalyzer(model);
            Confusion still = new Confusion();
            Confusion stillFiltered = new Confusion();
            Confusion moving = new Confusion();
            Confusion transitions = new Confusion();
            CoverageStats coverage = new CoverageStats();
            for (Body body : SimFrames.EVALUATION_BODIES) {
                for (long seed : SEEDS) {
                    for (String name : SCENARIOS) {
                        SimFrames sim = new SimFrames(mat(name, seed, g, body, SensorModel.DEFAULT));
                        SimFrames quiet = new SimFrames(mat(name, seed, g, body, SensorModel.DEFAULT.withoutDrift()));
                        PostureFilter filter = new PostureFilter();
                        long frame = 0;
                        while (sim.next() && quiet.next()) {
                            FrameTruth t = sim.truth();
                            BodyReading f = filtered.analyze(sim.map(), filter, Math.round(frame++ * 1e6 / HZ));
                            if (t.posture() == null) {
                                continue;
                            }
                            BodyReading r = analyzer.analyze(sim.map());
                            Posture truth = t.posture();
                            (truth == Posture.UNKNOWN ? transitions : t.moving() ? moving : still).add(truth, r.posture());
                            if (truth != Posture.UNKNOWN && !t.moving()) {
                                stillFiltered.add(truth, f.posture());
                            }
                            coverage.add(t, r, sim);
                            coverage.addWithoutDrift(quiet.truth(), quietAnalyzer.analyze(quiet.map()));
                        }
                    }
                }
            }
            System.out.println("#### " + geometryName(g) + "\n");
            System.out.println("Still frames (" + still.total() + "), overall " + Confusion.percent(still.accuracy())
                    + ":\n");
            System.out.println(still.markdown());
            System.out.println("The same still frames through the posture filter: "
                    + Confusion.percent(stillFiltered.accuracy()) + ".\n");
            System.out.println("Frames while moving (small shifts, getting on and off, lifts; " + moving.total()
                    + "): " + Confusion.percent(moving.accuracy()) + ". Posture changes (truth unknown, "
                    + transitions.total() + " frames): " + Confusion.percent(transitions.accuracy(Posture.UNKNOWN))
                    + " called unknown, the rest one of the two postures.\n");
            Confusion c = new Confusion();
            SimulatedPoses.generate(g, SimFrames.EVALUATION_BODIES, 40, 3, 777,
                    (posture, map) -> c.add(posture, analyzer.analyze(map).posture()));
            random.append("#### ").append(geometryName(g)).append(", random still poses (")
                    .append(c.total()).append(" frames), overall ").append(Confusion.percent(c.accuracy()))
                    .append("\n\n").append(c.markdown()).append('\n');
            back.append(coverage.row(geometryName(g)));
        }
        System.out.println("### Simulator, random still poses (held-out bodies and seed)\n");
        System.out.println(random);
        System.out.println("### Lower-back coverage against the simulator's truth\n");
        System.out.println(back);
    }

    /**
     * Lower-back coverage against the truth, over many frames. Three errors: the coverage as the
     * analyzer reports it (contact as the pressure mapper decides it, at 5 mmHg like the truth);
     * the same on the same frames from a sensor without drift; and the reported region's cells
     * counted on the noiseless pressure at the truth's threshold, which leaves only the region's
     * placement and size to differ from the truth.
     */
    static final class CoverageStats {
        int supine;
        int found;
        double reportedAbs;
        double reportedSigned;
        int quietFound;
        double quietAbs;
        double quietSigned;
        double placementAbs;
        double placementSigned;
        int otherStill;
        int otherStillWithRegion;
        int changes;
        int changesWithRegion;

        void add(FrameTruth t, BodyReading r, SimFrames sim) {
            LowerBackRegion region = r.lowerBack();
            if (Double.isNaN(t.lumbarCoverage())) {
                boolean change = t.posture() == Posture.UNKNOWN;
                changes += change ? 1 : 0;
                changesWithRegion += change && region != null ? 1 : 0;
                otherStill += change ? 0 : 1;
                otherStillWithRegion += !change && region != null ? 1 : 0;
                return;
            }
            supine++;
            if (region == null) {
                return;
            }
            found++;
            double d = region.coverage() - t.lumbarCoverage();
            reportedAbs += Math.abs(d);
            reportedSigned += d;
            d = share(region, sim.mat().pressureKpa()) - t.lumbarCoverage();
            placementAbs += Math.abs(d);
            placementSigned += d;
        }

        /** The same frame from a sensor without drift: only the coverage as reported. */
        void addWithoutDrift(FrameTruth t, BodyReading r) {
            if (Double.isNaN(t.lumbarCoverage()) || r.lowerBack() == null) {
                return;
            }
            quietFound++;
            double d = r.lowerBack().coverage() - t.lumbarCoverage();
            quietAbs += Math.abs(d);
            quietSigned += d;
        }

        private static double share(LowerBackRegion region, float[] kPa) {
            int touching = 0;
            for (int i = 0; i < kPa.length; i++) {
                touching += region.cells()[i] && kPa[i] >= TRUTH_CONTACT_KPA ? 1 : 0;
            }
            return (double) touching / region.cellCount();
        }

        String row(String mat) {
            return String.format(Locale.ROOT, "| %s | %d | %s | %.3f (%+.3f) | %.3f (%+.3f) | %.3f (%+.3f) | %d of %d | %d of %d |%n",
                    mat, supine, Confusion.percent((double) found / supine), reportedAbs / found,
                    reportedSigned / found, quietAbs / quietFound, quietSigned / quietFound, placementAbs / found,
                    placementSigned / found, otherStillWithRegion, otherStill, changesWithRegion, changes);
        }

        static String header() {
            return "| mat | frames lying supine | region found | MAE (bias), as reported | MAE (bias), as reported,"
                    + " sensor without drift | MAE (bias), same region, noiseless | region on other postures |"
                    + " region during posture changes |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";
        }
    }

    /** A named scenario, or "prone": none of the scripted scenarios lies prone, so one is made here. */
    static SyntheticMat mat(String name, long seed, MatGeometry g, Body body, SensorModel sensor) {
        if (!name.equals("prone")) {
            return Scenarios.create(name, HZ, seed, g, body, sensor);
        }
        Pose prone = Pose.of(Posture.PRONE);
        Script script = Script.builder("prone", prone).hold("still", 8)
                .shift("shift", 1.5, 3, 2, 2, 0.5).hold("still", 8)
                .shift("shift", 1.5, -3, -2, -2, 0.2).hold("still", 8).build();
        return new SyntheticMat(script, body, g, sensor, HZ, seed);
    }
}
