package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The chain a mat's frames go through, as real processes in a test's directory {@code dir}: a
 * pty line, the analytics from the shared broker into the shared influxd (logging to
 * analytics.log), and the gateway from the line's host end into the broker (gateway.log). The
 * test then plays the mat at {@link #pty}'s other end.
 */
record MatChain(SharedServers servers, Path dir, PtyLine pty, Path analyticsLog, Path gatewayLog) {

    /** The analytics with {@code analyticsOptions}, then the gateway with {@code gatewayOptions}. */
    static MatChain start(SharedServers servers, Processes processes, List<String> analyticsOptions,
            String... gatewayOptions) throws IOException, InterruptedException {
        Path dir = processes.dir();
        PtyLine pty = PtyLine.open(processes, dir);
        MatChain chain = new MatChain(servers, dir, pty, dir.resolve("analytics.log"), dir.resolve("gateway.log"));
        servers.analytics(processes, dir, chain.analyticsLog(), analyticsOptions.toArray(String[]::new));
        servers.gateway(processes, dir, chain.gatewayLog(), pty.host, gatewayOptions);
        return chain;
    }

    /**
     * A simulated person as {@code mat}: the simulator plays {@code options} to the end (within 2
     * minutes), and the analytics end the session (within 90 s of that, the logs attached to a
     * timeout). Returns what the simulator's truth file says.
     */
    SessionTruth playSessionToItsEnd(String mat, String... options) throws IOException, InterruptedException {
        Path simLog = dir.resolve("simulate.log");
        Path truthFile = dir.resolve("truth.jsonl");
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--mat-id", mat, "--truth", truthFile.toString()));
        Process sim = pty.simulate(simLog, args.toArray(String[]::new));
        assertThat(sim.waitFor(120, TimeUnit.SECONDS)).as(log(simLog)).isTrue();
        new InfluxQueries(servers.influxUrl()).awaitEndedSession(mat, logs());
        return SessionTruth.read(truthFile);
    }

    /** Both logs as they are now, to attach to a failure. */
    String logs() {
        return "\ngateway:\n" + log(gatewayLog) + "\nanalytics:\n" + log(analyticsLog);
    }
}
