package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The chain a mat's frames go through, as real processes in a test's directory: a pty line, the
 * analytics from the shared broker into the shared influxd (logging to analytics.log), and the
 * gateway from the line's host end into the broker (gateway.log). The test then plays the mat
 * at {@link #pty}'s other end.
 */
final class MatChain {
    final PtyLine pty;
    final Path analyticsLog;
    final Path gatewayLog;

    private MatChain(PtyLine pty, Path analyticsLog, Path gatewayLog) {
        this.pty = pty;
        this.analyticsLog = analyticsLog;
        this.gatewayLog = gatewayLog;
    }

    /** The analytics with {@code analyticsOptions}, then the gateway with {@code gatewayOptions}. */
    static MatChain start(SharedServers servers, Processes processes, List<String> analyticsOptions,
            String... gatewayOptions) throws IOException, InterruptedException {
        Path dir = processes.dir();
        PtyLine pty = PtyLine.open(processes, dir);
        MatChain chain = new MatChain(pty, dir.resolve("analytics.log"), dir.resolve("gateway.log"));
        servers.analytics(processes, dir, chain.analyticsLog, analyticsOptions.toArray(String[]::new));
        servers.gateway(processes, dir, chain.gatewayLog, pty.host, gatewayOptions);
        return chain;
    }

    /** Both logs as they are now, to attach to a failure. */
    String logs() {
        return "\ngateway:\n" + log(gatewayLog) + "\nanalytics:\n" + log(analyticsLog);
    }
}
