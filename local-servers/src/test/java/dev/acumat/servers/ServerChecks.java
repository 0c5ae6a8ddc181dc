package dev.acumat.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the local servers' ITs check of a server's processes and ports, written once. */
final class ServerChecks {
    /** A check of the server's data, run after each restart. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /** Starts a server with {@code port} fixed. */
    @FunctionalInterface
    interface StartOnPort {
        void start(int port) throws Exception;
    }

    private ServerChecks() {
    }

    /** A start on a port another process holds fails at once, naming the port. */
    static void failsAtOnceOnATakenPort(StartOnPort start) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            assertThatThrownBy(() -> start.start(taken.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + " is in use");
        }
    }

    /**
     * Stops the server, sees its process gone, restarts it on the same address and runs
     * {@code afterStop}; then the same after a kill (SIGKILL, as a crash), with {@code afterKill}.
     * Prints how long each restart took.
     */
    static void survivesStopAndKill(LocalServer server, Supplier<String> address, Check afterStop, Check afterKill)
            throws Exception {
        String before = address.get();
        restartsAfter(server, "stop", server::stop, address, before, afterStop);
        restartsAfter(server, "kill -9", server::kill, address, before, afterKill);
    }

    /** Ends the server's process one way, sees it gone, restarts it on the same address and checks. */
    private static void restartsAfter(LocalServer server, String how, Runnable end, Supplier<String> address,
            String before, Check check) throws Exception {
        long pid = server.pid().orElseThrow();
        end.run();
        assertThat(server.isRunning()).isFalse();
        assertThat(isAlive(pid)).isFalse();
        long t = System.nanoTime();
        server.restart();
        System.out.printf("%s restart after %s: %d ms%n", server.getClass().getSimpleName(), how, millisSince(t));
        assertThat(address.get()).isEqualTo(before);
        check.run();
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The live ones of {@code processes} whose command line names {@code dataDir} and passes {@code also}. */
    static List<ProcessHandle> naming(Path dataDir, Stream<ProcessHandle> processes, Predicate<String> also) {
        String marker = dataDir.toAbsolutePath().toString();
        return processes
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker) && also.test(c)).orElse(false))
                .collect(Collectors.toList());
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** VmRSS of a process from /proc (Linux), for the test report. */
    static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring("VmRSS:".length()).trim())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
