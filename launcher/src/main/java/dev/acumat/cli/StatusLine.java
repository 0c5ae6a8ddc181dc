package dev.acumat.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The status line of {@code demo} and {@code run}: frames per second, mats, running sessions,
 * a server that is down and since when, the last problem. With the broker down the gateway
 * still reads the mat, into its spool: the rate then says so, rather than look as if all flowed.
 */
final class StatusLine {
    /** How long the status line keeps showing a problem after it was logged. */
    static final Duration PROBLEM_SHOWN = Duration.ofMinutes(2);

    private StatusLine() {
    }

    /**
     * @param downs the servers down now ({@link ServerHealth#downs()}); the broker's name is {@code brokerName}
     */
    static String format(double framesPerSecond, int mats, long activeSessions, List<ServerHealth.Down> downs,
                         String brokerName, DemoLog.Problem problem, long nowMillis) {
        StringBuilder line = new StringBuilder();
        for (ServerHealth.Down down : downs) {
            line.append(down.text(nowMillis)).append(", ");
        }
        boolean brokerDown = downs.stream().anyMatch(d -> d.name().equals(brokerName));
        line.append(String.format(Locale.ROOT, "%.1f frames/s%s, %d mat%s, %d active session%s", framesPerSecond,
                brokerDown ? " into the spool" : "", mats, mats == 1 ? "" : "s", activeSessions,
                activeSessions == 1 ? "" : "s"));
        return line + problem(problem, nowMillis);
    }

    /** The last problem with its age; gone after a while, so that one passing hiccup does not stay on screen. */
    static String problem(DemoLog.Problem p, long nowMillis) {
        long ageSeconds = p == null ? Long.MAX_VALUE : Math.max(0, (nowMillis - p.epochMillis()) / 1000);
        if (ageSeconds > PROBLEM_SHOWN.toSeconds()) {
            return "";
        }
        return ", last problem " + ageSeconds + " s ago: " + p.text();
    }
}
