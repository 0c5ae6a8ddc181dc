package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lumbar pad whose firmware does not say it is one, with real parts (as AnalyticsIT): the
 * simulator plays a person on a 16 x 16 grid at 25 mm on a socat pty, the gateway states the pad's
 * layout for it ({@code --mat-layout lumbar-pad}), the analytics read the whole pad as the lower
 * back, and InfluxDB gets lower-back coverage and lower-back time, without a posture.
 */
class LumbarPadIT {
    @TempDir
    Path dir;

    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();
    private final ObjectMapper json = new ObjectMapper();

    /** A query's first series: its columns and rows. */
    private InfluxQueries queries;

    @Test
    void aPersonOnALumbarPadGetsLowerBackCoverageAndTimeAndNoPosture() throws Exception {
        Path mat = dir.resolve("mat");
        Path host = dir.resolve("host");
        processes.ptyPair(mat, host);
        queries = new InfluxQueries(servers.influxUrl());
        Path gatewayLog = dir.resolve("gateway.log");
        Path analyticsLog = dir.resolve("analytics.log");
        servers.analytics(processes, dir, analyticsLog);
        servers.gateway(processes, dir, gatewayLog, host, "--mat-layout", "lumbar-pad");
        Path simLog = dir.resolve("simulate.log");
        Path truthFile = dir.resolve("truth.jsonl");
        Process sim = processes.acumatLogged(simLog, "simulate", "--port", mat.toString(), "--scenario", "on-off",
                "--rows", "16", "--cols", "16", "--pitch-mm", "25", "--speed", "5", "--seed", "3", "--mat-id", "pad-e2e",
                "--truth", truthFile.toString());
        assertThat(sim.waitFor(120, TimeUnit.SECONDS)).as(log(simLog)).isTrue();
        String diagnostics = "\ngateway:\n" + log(gatewayLog) + "\nanalytics:\n" + log(analyticsLog);
        try {
            waitFor("the pad's ended session in InfluxDB", 90, () -> {
                try {
                    return queries.rows("SELECT * FROM session WHERE mat = 'pad-e2e' AND active = false").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + diagnostics, e);
        }
        Map<String, JsonNode> session = queries.rows("SELECT * FROM session WHERE mat = 'pad-e2e'").get(0);
        double duration = session.get("duration_s").asDouble(Double.NaN);
        double lowerBack = session.get("lower_back_time_s").asDouble(Double.NaN);
        List<Map<String, JsonNode>> contact =
                queries.rows("SELECT lower_back_coverage, posture FROM contact WHERE mat = 'pad-e2e'");
        int points = contact.size();
        int covered = 0;
        for (Map<String, JsonNode> row : contact) {
            assertThat(row.get("posture").isNull()).as("no posture on a lumbar pad: %s", row).isTrue();
            covered += row.get("lower_back_coverage").isNull() ? 0 : 1;
        }
        double truthSeconds = AnalyticsIT.Truth.read(truthFile).sessionSeconds();
        double lyingSeconds = 0;
        for (String line : Files.readAllLines(truthFile, StandardCharsets.UTF_8)) {
            JsonNode n = json.readTree(line);
            if ("interval".equals(n.path("kind").asText()) && "supine".equals(n.path("posture").asText())) {
                lyingSeconds += n.path("end_s").asDouble() - n.path("start_s").asDouble();
            }
        }
        System.out.printf("LumbarPadIT: session %.1f s (truth: %.1f s on the mat, %.1f s of it lying), lower back"
                + " %.1f s, %d contact points, %d with coverage%n", duration, truthSeconds, lyingSeconds, lowerBack,
                points, covered);
        // This grid lies where simulate puts a 40 cm mat (from the shoulder blades down): the person is
        // on it while lying; sitting at the foot end of the script they are partly or wholly off it.
        assertThat(duration).as(diagnostics).isBetween(lyingSeconds - 2, truthSeconds + 2);
        assertThat(lowerBack).isGreaterThan(0.8 * duration);
        assertThat(points).isGreaterThan((int) lyingSeconds - 3);
        assertThat(covered).isGreaterThan(points * 9 / 10);
    }
}
