package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole chain with real parts: the simulator on a socat pty, the gateway, a KRaft broker,
 * the analytics and a real influxd, each its own process. A scenario with a known truth goes
 * in; InfluxDB must hold its session, shifts and coverage within the tolerances below.
 */
class AnalyticsIT {
    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSimulatedSessionLandsInInfluxDbAsTheTruthSaysWithinTolerances() throws Exception {
        MatChain chain = MatChain.start(servers, processes, List.of(), "--health-interval", "2");
        // The frames stop; 30 s later (checked every 5 s) the analytics end the session.
        SessionTruth truth = chain.playSessionToItsEnd("mat-e2e", "--scenario", "session", "--speed", "10", "--seed", "4");
        InfluxQueries influx = new InfluxQueries(servers.influxUrl());
        String q = "SELECT * FROM session WHERE mat = 'mat-e2e'";
        Map<String, JsonNode> session = influx.rows(q).get(0);
        double duration = session.get("duration_s").asDouble();
        int shifts = session.get("posture_shifts").asInt();
        List<Map<String, JsonNode>> supine =
                influx.rows("SELECT mean(lower_back_coverage) FROM contact WHERE mat = 'mat-e2e' AND posture = 'supine'");
        double coverage = supine.get(0).get("mean").asDouble();
        System.out.printf("AnalyticsIT: duration %.1f s (truth %.1f), shifts %d (truth %d), supine coverage %.3f (truth %.3f)%n",
                duration, truth.sessionSeconds(), shifts, truth.shifts(), coverage, truth.meanSupineCoverage());
        assertThat(influx.rows(q)).as("one session point, rewritten, not one per update").hasSize(1);
        assertThat(duration).as("duration (s)").isCloseTo(truth.sessionSeconds(), within(3.0));
        assertThat(shifts).as("posture shifts").isBetween(truth.shifts() - 2, truth.shifts() + 1);

        List<Map<String, JsonNode>> contact =
                influx.rows("SELECT contact_ratio, lower_back_coverage, posture FROM contact WHERE mat = 'mat-e2e'");
        assertThat(contact.size()).as("a contact point a second on the mat")
                .isBetween((int) truth.sessionSeconds() - 5, (int) truth.sessionSeconds() + 5);
        List<Map<String, JsonNode>> shiftPoints = influx.rows("SELECT * FROM posture_shift WHERE mat = 'mat-e2e'");
        assertThat(shiftPoints).hasSize(shifts);
        assertThat(coverage).as("mean lower-back coverage while supine")
                .isCloseTo(truth.meanSupineCoverage(), within(0.2));
        assertThat(influx.rows("SELECT * FROM device_health WHERE mat = 'mat-e2e'")).isNotEmpty();

        String id = session.get("session_id").asText();
        roundTrip(id, duration, shifts, session.get("lower_back_time_s").asDouble(),
                session.get("lower_back_coverage_mean").asDouble());
        exportsReadBackInPython(id, "mat-e2e");
    }

    /**
     * Record and replay: the session exported from Kafka, analysed offline, gives the live run's
     * figures; and the simulator takes the export back as it is.
     */
    private void roundTrip(String id, double duration, int shifts, double lowerBackS, double coverageMean)
            throws Exception {
        Path dir = processes.dir();
        Path export = dir.resolve("session.txt");
        runAcumat("export", "export", "--session", id, "--kafka", servers.bootstrap(), "--influx", servers.influxUrl(),
                "--out", export.toString());
        assertThat(Files.readAllLines(export).get(0)).startsWith("# acumat-replay 1 rows=32 cols=20");

        Path analysis = dir.resolve("analysis.jsonl");
        Path analyzeErr = dir.resolve("analyze.err");
        Process an = processes.start(new ProcessBuilder(Processes.javaBinary(), "-Djava.io.tmpdir=" + dir, "-jar",
                Path.of("target/acumat.jar").toAbsolutePath().toString(), "analyze", export.toString())
                .redirectOutput(analysis.toFile()).redirectError(analyzeErr.toFile()));
        assertThat(an.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(an.exitValue()).as(log(analyzeErr)).isZero();
        JsonNode offline = null;
        for (String line : Files.readAllLines(analysis, StandardCharsets.UTF_8)) {
            if (line.contains("\"event\":\"session_end\"")) {
                JsonNode n = json.readTree(line);
                if (offline == null || n.path("duration_s").asDouble() > offline.path("duration_s").asDouble()) {
                    offline = n;
                }
            }
        }
        assertThat(offline).as("a session in the offline analysis of the export").isNotNull();
        System.out.printf("AnalyticsIT round trip: live %s %.2f s, %d shifts, lower back %.2f s, coverage %.4f;"
                        + " offline %s %.2f s, %d shifts, lower back %.2f s, coverage %.4f%n", id, duration, shifts,
                lowerBackS, coverageMean, offline.path("session_id").asText(), offline.path("duration_s").asDouble(),
                offline.path("posture_shifts").asInt(), offline.path("lower_back_time_s").asDouble(),
                offline.path("lower_back_coverage_mean").asDouble());
        assertThat(offline.path("session_id").asText()).as("the same start, so the same id").isEqualTo(id);
        assertThat(offline.path("duration_s").asDouble()).isCloseTo(duration, within(0.2));
        assertThat(offline.path("posture_shifts").asInt()).isEqualTo(shifts);
        assertThat(offline.path("lower_back_time_s").asDouble()).isCloseTo(lowerBackS, within(1.0));
        assertThat(offline.path("lower_back_coverage_mean").asDouble()).isCloseTo(coverageMean, within(0.01));

        runAcumat("replay", "simulate", "--port", "-", "--replay", export.toString(), "--no-loop", "--speed", "0");
    }

    /**
     * The session as npz, and ten seconds of the mat as a time range, read back by the Python
     * package beside the replay export: every exported frame equals its record in Kafka (cells,
     * sequence number, device and wall-clock time), none is left out inside the range, and the
     * calibration and pitch are the mat's (firmware-protocol/python/tests/check_export.py).
     */
    private void exportsReadBackInPython(String id, String mat) throws Exception {
        Path dir = processes.dir();
        Path npz = dir.resolve("session.npz");
        Path range = dir.resolve("range.bin");
        long startMs = Long.parseLong(id.substring(id.lastIndexOf('.') + 1));
        runAcumat("export-npz", "export", "--session", id, "--kafka", servers.bootstrap(), "--influx", servers.influxUrl(),
                "--out", npz.toString());
        runAcumat("export-range", "export", "--mat", mat, "--from", Instant.ofEpochMilli(startMs).toString(), "--to",
                Instant.ofEpochMilli(startMs + 10_000).toString(), "--format", "npz", "--kafka", servers.bootstrap(),
                "--out", range.toString());
        Path pythonLog = dir.resolve("check_export.log");
        Process check = processes.start(new ProcessBuilder("/usr/bin/python3", "-B", "-m", "tests.check_export",
                "--bootstrap", servers.bootstrap(), "--mat", mat, dir.resolve("session.txt").toString(), npz.toString(),
                range.toString())
                .directory(Path.of("../firmware-protocol/python").toFile())
                .redirectErrorStream(true).redirectOutput(pythonLog.toFile()));
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).as(log(pythonLog)).isTrue();
        assertThat(check.exitValue()).as(log(pythonLog)).isZero();
        System.out.print("AnalyticsIT python: " + log(pythonLog));
        assertThat(log(pythonLog)).contains("session.txt: ", "session.npz: ", "range.bin: ");
    }

    private void runAcumat(String name, String... args) throws Exception {
        Path logFile = processes.dir().resolve(name + ".log");
        Process p = processes.acumatLogged(logFile, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(log(logFile)).isTrue();
        assertThat(p.exitValue()).as(log(logFile)).isZero();
    }
}
