package dev.acumat.cli;

import dev.acumat.analytics.web.ServerCheck;
import dev.acumat.time.Time;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The servers a local system depends on, as its status line shows them: a server it started is
 * watched (its process's exit is seen at once, with the exit code), and every server, started or
 * given, is asked whether it answers (a hung one is down too). Before this, a dead broker left
 * the demo printing "25.0 frames/s" for 90 s.
 */
final class ServerHealth {
    /** A server that is down: why, and since when (epoch milliseconds). */
    record Down(String name, String why, long sinceMillis) {
        String text(long nowMillis) {
            return name + " down (" + why + ") " + Math.max(0, (nowMillis - sinceMillis) / 1000) + " s ago";
        }
    }

    /** Whether a server answers now; {@link ServerCheck#status} in the system, a fake in tests. */
    interface Check {
        ServerCheck.Status status() throws InterruptedException;
    }

    private final Time time;
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final Map<String, Down> exited = new LinkedHashMap<>();
    private final Map<String, Long> failingSince = new LinkedHashMap<>();
    private volatile boolean stopping;

    /** @param time says since when a server is down (its wall clock) */
    ServerHealth(Time time) {
        this.time = time;
    }

    /** Asks {@code check} whether {@code name} answers, each time {@link #downs} is called. */
    synchronized void check(String name, Check check) {
        checks.put(name, check);
    }

    /**
     * Watches a server's process: when it ends before {@link #stopping}, it is down from then on,
     * and {@code onDown} hears it at once.
     */
    void watch(String name, CompletableFuture<Integer> exit, Consumer<Down> onDown) {
        exit.thenAccept(code -> {
            if (stopping) {
                return;
            }
            Down down = new Down(name, "exited " + code, time.currentTimeMillis());
            synchronized (this) {
                exited.put(name, down);
            }
            onDown.accept(down);
        });
    }

    /** Whether {@code name} was down when last asked (or has exited); asks nothing. */
    synchronized boolean knownDown(String name) {
        return exited.containsKey(name) || failingSince.containsKey(name);
    }

    /** The owner stops the servers now: their exits are no news. */
    void stopping() {
        stopping = true;
    }

    /** The servers down now, in the order they were registered; asks those that have not exited. */
    synchronized List<Down> downs() throws InterruptedException {
        List<Down> downs = new ArrayList<>(exited.values());
        for (Map.Entry<String, Check> e : checks.entrySet()) {
            String name = e.getKey();
            if (exited.containsKey(name)) {
                continue;
            }
            ServerCheck.Status status = e.getValue().status();
            if (status.ok()) {
                failingSince.remove(name);
            } else {
                long since = failingSince.computeIfAbsent(name, n -> time.currentTimeMillis());
                downs.add(new Down(name, status.detail(), since));
            }
        }
        return downs;
    }
}
