package dev.acumat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A serial line for a test: a socat pty pair linked in the test's directory as {@code mat} (the
 * end a simulated mat writes) and {@code host} (the end the gateway reads), which can be pulled
 * and plugged back like a USB cable.
 */
final class PtyLine {
    final Path mat;
    final Path host;
    private final Processes processes;
    private Process socat;

    private PtyLine(Processes processes, Path mat, Path host) {
        this.processes = processes;
        this.mat = mat;
        this.host = host;
    }

    /** The pair linked at {@code dir/mat} and {@code dir/host}; returns once both links exist. */
    static PtyLine open(Processes processes, Path dir) throws IOException, InterruptedException {
        PtyLine line = new PtyLine(processes, dir.resolve("mat"), dir.resolve("host"));
        line.plug();
        return line;
    }

    /** {@code acumat simulate --port MAT MORE...} as the mat at this line's end, its output in {@code log}. */
    Process simulate(Path log, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("simulate", "--port", mat.toString()));
        args.addAll(List.of(more));
        return processes.acumatLogged(log, args.toArray(String[]::new));
    }

    /** Times the gateway opened the host end, from its log. */
    int connects(Path gatewayLog) {
        return count(gatewayLog, "port " + host + ": connected");
    }

    /** Times the gateway lost the host end, from its log. */
    int losses(Path gatewayLog) {
        return count(gatewayLog, "port " + host + ": lost (");
    }

    /** Waits up to {@code seconds} for the gateway to have opened the host end; a timeout carries its log. */
    void awaitConnected(int seconds, Path gatewayLog) throws InterruptedException {
        ProcessLog.waitLogged(seconds, "the gateway on the port", gatewayLog, () -> connects(gatewayLog) > 0);
    }

    private static int count(Path file, String needle) {
        String log = ProcessLog.log(file);
        int n = 0;
        for (int i = log.indexOf(needle); i >= 0; i = log.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** Pulls the cable: socat stops and both links go, as a port does when its device is unplugged. */
    void unplug() throws IOException, InterruptedException {
        Processes.stop(socat);
        Files.deleteIfExists(mat);
        Files.deleteIfExists(host);
    }

    /** Plugs it back: a new pair under the same names. */
    void plug() throws IOException, InterruptedException {
        socat = processes.ptyPair(mat, host);
    }
}
