package dev.acumat.cli;

import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** A query's first series: its columns and rows. */
    private JsonNode series(String influxql) throws IOException, InterruptedException {
        String url = servers.influxUrl() + "/query?db=acumat&q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body()).path("results").path(0).path("series").path(0);
    }

    private static double value(JsonNode series, int row, String column) {
        JsonNode cols = series.path("columns");
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).asText().equals(column)) {
                return series.path("values").path(row).path(i).asDouble(Double.NaN);
            }
        }
        throw new AssertionError("no column " + column + " in " + series);
    }

    private static String log(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Test
    void aPersonOnALumbarPadGetsLowerBackCoverageAndTimeAndNoPosture() throws Exception {
        Path mat = dir.resolve("mat");
        Path host = dir.resolve("host");
        processes.ptyPair(mat, host);
        Path gatewayLog = dir.resolve("gateway.log");
        Path analyticsLog = dir.resolve("analytics.log");
        processes.acumatLogged(analyticsLog, "analytics", "--kafka", servers.bootstrap(), "--influx", servers.influxUrl(),
                "--state-dir", dir.resolve("state").toString());
        processes.acumatLogged(gatewayLog, "gateway", "--serial", host.toString(), "--kafka", servers.bootstrap(),
                "--spool", dir.resolve("spool").toString(), "--mat-layout", "lumbar-pad");
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
                    return series("SELECT * FROM session WHERE mat = 'pad-e2e' AND active = false")
                            .path("values").size() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + diagnostics, e);
        }
        JsonNode session = series("SELECT * FROM session WHERE mat = 'pad-e2e'");
        double duration = value(session, 0, "duration_s");
        double lowerBack = value(session, 0, "lower_back_time_s");
        JsonNode contact = series("SELECT lower_back_coverage, posture FROM contact WHERE mat = 'pad-e2e'");
        int points = contact.path("values").size();
        int covered = 0;
        for (JsonNode row : contact.path("values")) {
            assertThat(row.get(2).isNull()).as("no posture on a lumbar pad: %s", row).isTrue();
            covered += row.get(1).isNull() ? 0 : 1;
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
