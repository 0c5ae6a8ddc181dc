package dev.acumat.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child in a session of its own, away from the terminal's process group. Ctrl-C on a
 * terminal signals every process of the foreground group: without this, the broker, influxd and
 * socat would die at the same instant as the demo is asked to stop, and the demo could not
 * flush into them first. They are stopped by their owner instead (and by the owner's death:
 * see {@link ChildMain} and the influxd watchdog).
 */
public final class OwnSession {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private OwnSession() {
    }

    /**
     * {@code command} prefixed with util-linux's {@code setsid} where it exists. A child of a JVM
     * is no process group leader, so setsid execs in place and the child keeps its process id.
     */
    public static List<String> command(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }
}
