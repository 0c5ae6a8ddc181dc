package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lumbar pad whose firmware does not say it is one, with real parts (as AnalyticsIT): the
 * simulator plays a person on a 16 x 16 grid at 25 mm on a socat pty, the gateway states the pad's
 * layout for it ({@code --mat-layout lumbar-pad}), the analytics read the whole pad as the lower
 * back, and InfluxDB gets lower-back coverage and lower-back time, without a posture.
 */
class LumbarPadIT {
    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();

    @Test
    void aPersonOnALumbarPadGetsLowerBackCoverageAndTimeAndNoPosture() throws Exception {
        MatChain chain = MatChain.start(servers, processes, List.of(), "--mat-layout", "lumbar-pad");
        SessionTruth truth = chain.playSessionToItsEnd("pad-e2e", "--scenario", "on-off", "--rows", "16", "--cols",
                "16", "--pitch-mm", "25", "--speed", "5", "--seed", "3");
        InfluxQueries queries = new InfluxQueries(servers.influxUrl());
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
        double truthSeconds = truth.sessionSeconds();
        double lyingSeconds = truth.supineSeconds();
        System.out.printf("LumbarPadIT: session %.1f s (truth: %.1f s on the mat, %.1f s of it lying), lower back"
                + " %.1f s, %d contact points, %d with coverage%n", duration, truthSeconds, lyingSeconds, lowerBack,
                points, covered);
        // This grid lies where simulate puts a 40 cm mat (from the shoulder blades down): the person is
        // on it while lying; sitting at the foot end of the script they are partly or wholly off it.
        assertThat(duration).as(chain.logs()).isBetween(lyingSeconds - 2, truthSeconds + 2);
        assertThat(lowerBack).isGreaterThan(0.8 * duration);
        assertThat(points).isGreaterThan((int) lyingSeconds - 3);
        assertThat(covered).isGreaterThan(points * 9 / 10);
    }
}
