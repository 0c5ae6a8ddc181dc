package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain with real parts: the simulator on a socat pty, the gateway, a KRaft broker,
 * the analytics and a real influxd, each its own process. A scenario with a known truth goes
 * in; InfluxDB must hold its session, shifts and coverage within the tolerances below.
 */
class AnalyticsIT {
    @TempDir
    Path dir;

    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** Rows of a query's first series, each a list of column values. */
    private List<JsonNode> query(String influxql) throws IOException, InterruptedException {
        String url = servers.influxUrl() + "/query?db=acumat&q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode series = json.readTree(r.body()).path("results").path(0).path("series").path(0);
        List<JsonNode> rows = new ArrayList<>();
        series.path("values").forEach(rows::add);
        return rows;
    }

    private int column(String influxql, String name) throws IOException, InterruptedException {
        String url = servers.influxUrl() + "/query?db=acumat&q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode cols = json.readTree(r.body()).path("results").path(0).path("series").path(0).path("columns");
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + r.body());
    }

    @Test
    void aSimulatedSessionLandsInInfluxDbAsTheTruthSaysWithinTolerances() throws Exception {
        Path mat = dir.resolve("mat");
        Path host = dir.resolve("host");
        processes.ptyPair(mat, host);
        Path gatewayLog = dir.resolve("gateway.log");
        Path analyticsLog = dir.resolve("analytics.log");
        servers.analytics(processes, dir, analyticsLog);
        servers.gateway(processes, dir, gatewayLog, host, "--health-interval", "2");
        Path truthFile = dir.resolve("truth.jsonl");
        Path simLog = dir.resolve("simulate.log");
        Process sim = processes.acumatLogged(simLog, "simulate", "--port", mat.toString(), "--scenario", "session",
                "--speed", "10", "--seed", "4", "--mat-id", "mat-e2e", "--truth", truthFile.toString());
        assertThat(sim.waitFor(120, TimeUnit.SECONDS)).as(log(simLog)).isTrue();

        Truth truth = Truth.read(truthFile);
        String diagnostics = "\ngateway:\n" + log(gatewayLog) + "\nanalytics:\n" + log(analyticsLog);
        try {
            // The frames stop; 30 s later (checked every 5 s) the analytics end the session.
            waitFor("the ended session in InfluxDB", 90, () -> {
                try {
                    return query("SELECT * FROM session WHERE mat = 'mat-e2e' AND active = false").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + diagnostics, e);
        }
        String q = "SELECT * FROM session WHERE mat = 'mat-e2e'";
        JsonNode session = query(q).get(0);
        double duration = session.get(column(q, "duration_s")).asDouble();
        int shifts = session.get(column(q, "posture_shifts")).asInt();
        List<JsonNode> supine = query("SELECT mean(lower_back_coverage) FROM contact WHERE mat = 'mat-e2e' AND posture = 'supine'");
        double coverage = supine.get(0).get(1).asDouble();
        System.out.printf("AnalyticsIT: duration %.1f s (truth %.1f), shifts %d (truth %d), supine coverage %.3f (truth %.3f)%n",
                duration, truth.sessionSeconds, shifts, truth.shifts, coverage, truth.meanSupineCoverage);
        assertThat(query(q)).as("one session point, rewritten, not one per update").hasSize(1);
        assertThat(duration).as("duration (s)").isCloseTo(truth.sessionSeconds, within(3.0));
        assertThat(shifts).as("posture shifts").isBetween(truth.shifts - 2, truth.shifts + 1);

        List<JsonNode> contact = query("SELECT contact_ratio, lower_back_coverage, posture FROM contact WHERE mat = 'mat-e2e'");
        assertThat(contact.size()).as("a contact point a second on the mat")
                .isBetween((int) truth.sessionSeconds - 5, (int) truth.sessionSeconds + 5);
        List<JsonNode> shiftPoints = query("SELECT * FROM posture_shift WHERE mat = 'mat-e2e'");
        assertThat(shiftPoints).hasSize(shifts);
        assertThat(coverage).as("mean lower-back coverage while supine")
                .isCloseTo(truth.meanSupineCoverage, within(0.2));
        assertThat(query("SELECT * FROM device_health WHERE mat = 'mat-e2e'")).isNotEmpty();

        String id = session.get(column(q, "session_id")).asText();
        roundTrip(id, duration, shifts, session.get(column(q, "lower_back_time_s")).asDouble(),
                session.get(column(q, "lower_back_coverage_mean")).asDouble());
        exportsReadBackInPython(id, "mat-e2e");
    }

    /**
     * Record and replay: the session exported from Kafka, analysed offline, gives the live run's
     * figures; and the simulator takes the export back as it is.
     */
    private void roundTrip(String id, double duration, int shifts, double lowerBackS, double coverageMean)
            throws Exception {
        Path export = dir.resolve("session.txt");
        Path exportLog = dir.resolve("export.log");
        Process ex = processes.acumatLogged(exportLog, "export", "--session", id, "--kafka", servers.bootstrap(),
                "--influx", servers.influxUrl(), "--out", export.toString());
        assertThat(ex.waitFor(60, TimeUnit.SECONDS)).as(log(exportLog)).isTrue();
        assertThat(ex.exitValue()).as(log(exportLog)).isZero();
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

        Process replay = processes.acumatLogged(dir.resolve("replay.log"), "simulate", "--port", "-", "--replay",
                export.toString(), "--no-loop", "--speed", "0");
        assertThat(replay.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(replay.exitValue()).as(log(dir.resolve("replay.log"))).isZero();
    }

    /**
     * The session as npz, and ten seconds of the mat as a time range, read back by the Python
     * package beside the replay export: every exported frame equals its record in Kafka (cells,
     * sequence number, device and wall-clock time), none is left out inside the range, and the
     * calibration and pitch are the mat's (firmware-protocol/python/tests/check_export.py).
     */
    private void exportsReadBackInPython(String id, String mat) throws Exception {
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
        Path logFile = dir.resolve(name + ".log");
        Process p = processes.acumatLogged(logFile, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(log(logFile)).isTrue();
        assertThat(p.exitValue()).as(log(logFile)).isZero();
    }

    /** What the simulator's truth file says of the session. */
    record Truth(double sessionSeconds, int shifts, double meanSupineCoverage) {
        static Truth read(Path file) throws IOException {
            ObjectMapper json = new ObjectMapper();
            double start = Double.NaN;
            double end = Double.NaN;
            int shifts = 0;
            double coverageSum = 0;
            double coverageTime = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode n = json.readTree(line);
                switch (n.path("kind").asText()) {
                    case "session_end" -> {
                        start = n.path("start_s").asDouble();
                        end = n.path("end_s").asDouble();
                    }
                    case "shift" -> shifts++;
                    case "interval" -> {
                        if ("supine".equals(n.path("posture").asText()) && n.hasNonNull("lumbar_coverage")) {
                            double t = n.path("end_s").asDouble() - n.path("start_s").asDouble();
                            coverageSum += n.path("lumbar_coverage").asDouble() * t;
                            coverageTime += t;
                        }
                    }
                    default -> {
                    }
                }
            }
            return new Truth(end - start, shifts, coverageSum / coverageTime);
        }
    }
}
