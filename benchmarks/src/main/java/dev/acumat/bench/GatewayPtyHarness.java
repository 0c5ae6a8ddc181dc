package dev.acumat.bench;

import dev.acumat.simulator.FilePortLink;
import dev.acumat.simulator.MatSimulator;
import dev.acumat.time.Time;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The gateway as users run it ({@code acumat gateway}, its own JVM, heap capped at 64 MB) on a
 * socat pty, fed by the real simulator code in this JVM, producing to the local broker.
 * Two runs: unpaced (the simulator writes as fast as the pty takes it: the highest sustained
 * rate, and every frame must arrive) and paced at the wire rate of 921,600 baud (the CPU the
 * gateway needs at the fastest real UART). Frames are counted from the gateway's /metrics.
 * The wire-rate run plays two minutes before it measures ({@code -Dbench.gateway.warmUp=SECONDS}
 * to change that), then measures six consecutive windows, each with the machine's load and the
 * gateway's CPU per thread (from /proc): the compiler threads' share shows when the JIT is done,
 * and the windows side by side whether the cost is flat.
 */
final class GatewayPtyHarness {
    static final int BAUD = 921_600;

    private final Results results;
    private final String bootstrap;
    private final Path work;
    private final double seconds;
    /**
     * The wire-rate run's warm-up: two minutes. C2 was still compiling after 15 s (the JVM had
     * just run the unpaced run; its compiler threads then used half of the 16 % measured), and
     * on a shared machine it still was 100 s in, with the CPU per frame falling until about 140 s.
     */
    private final double wireWarmUp;
    /** The wire-rate run's consecutive windows: each long enough for a 2 % share to be read to a tenth. */
    private final int wireWindows;
    private final double wireWindowSeconds;

    GatewayPtyHarness(Results results, String bootstrap, Path work, boolean quick) {
        this.results = results;
        this.bootstrap = bootstrap;
        this.work = work;
        this.seconds = quick ? 3 : 15;
        this.wireWarmUp = Double.parseDouble(System.getProperty("bench.gateway.warmUp", quick ? "3" : "120"));
        this.wireWindows = quick ? 1 : 6;
        this.wireWindowSeconds = quick ? 3 : 20;
    }

    void run() throws Exception {
        Path a = work.resolve("ttyGateway");
        Path b = work.resolve("ttySimulator");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(work.resolve("socat.log").toFile()).start();
        int metricsPort = freePort();
        try (ChildJvm gateway = ChildJvm.start("gateway", ChildJvm.options("-Xmx64m"), "dev.acumat.cli.Acumat",
                List.of("gateway", "--serial", a.toString(), "--kafka", bootstrap, "--spool",
                        work.resolve("pty-spool").toString(), "--baud", Integer.toString(BAUD),
                        "--metrics", "127.0.0.1:" + metricsPort, "--spool-max-mb", "256"),
                work.resolve("gateway.log"))) {
            await(() -> Files.exists(a) && Files.exists(b), 10, "socat's ptys");
            Metrics metrics = new Metrics(metricsPort);
            await(metrics::answers, 60, "the gateway's /metrics");
            SampleFrames sample = SampleFrames.of("32x20", "pty-mat", 256, 13);

            // Unpaced: the pty's flow control holds the simulator back to what the gateway reads.
            // The mat's clock says 10,000 frames a second (the simulator's most), near the rate
            // reached, so that frame times stay near the wall clock: at 25 Hz they ran hours
            // ahead within seconds, and Kafka 4 refuses records over an hour in the future.
            Run fast = play(sample, b, new MatSimulator.Options("pty-mat", 10_000, 0, 0, true, false), gateway,
                    metrics, 0, 1, seconds);
            results.add("gateway: highest sustained rate through a pty, frames/s (32x20, session mix)",
                    Results.num(fast.framesPerSecond(), 0));
            results.add("gateway: frames lost at that rate", fast.lost() + " of " + fast.sent(), "0", fast.lost() == 0);
            results.add("gateway: CPU at that rate, share of one core", Results.num(fast.cpuShare() * 100, 0) + " %");

            // The fast run leaves a backlog in the spool: let the sender drain it, or its CPU
            // would count against the wire-rate run.
            GatewayPtyHarness.await(metrics::drained, 300, "the gateway's spool to drain");
            Run wire = play(sample, b, new MatSimulator.Options("pty-mat", 10_000, 1, BAUD, true, false), gateway, metrics,
                    wireWarmUp, wireWindows, wireWindowSeconds);
            results.add("gateway: at 921,600 baud, frames/s (wire-paced)", Results.num(wire.framesPerSecond(), 0));
            results.add("gateway: CPU at 921,600 baud after " + Results.num(wireWarmUp, 0) + " s, share of one core ("
                            + wire.windows().size() + " x " + Results.num(wireWindowSeconds, 0) + " s windows)",
                    Results.num(wire.cpuShare() * 100, 1) + " % (windows: " + wire.windowShares() + ")", "<= 2 %",
                    wire.cpuShare() <= 0.02);
            results.add("gateway: at 921,600 baud, CPU per frame by thread, us", wire.perFrameByThread());
            results.add("gateway: frames lost at 921,600 baud", wire.lost() + " of " + wire.sent(), "0", wire.lost() == 0);
            results.add("gateway: heap after full GC / RSS, 1 mat (-Xmx64m)",
                    Results.num(ProcStats.liveHeapMb(gateway.pid()), 1) + " MB / "
                            + Results.num(ProcStats.rssMb(gateway.pid()), 0) + " MB", "heap <= 64 MB",
                    gateway.isAlive());
        } finally {
            socat.destroy();
            socat.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One measured window: frames, wall time and CPU of the gateway, per thread kind, and the machine's load. */
    record Window(long frames, double seconds, double cpuSeconds, Map<String, Long> threadNanos, double load) {
        /** The window as one line: its share of a core, the load, and where the CPU went. */
        String line(int index) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "window %d: %.1f s, %d frames (%.0f/s), CPU %.2f %% of a core, load %.2f;", index, seconds, frames,
                    frames / seconds, cpuSeconds / seconds * 100, load));
            threadNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> out.append(String.format(Locale.ROOT, " %s %.2f %%", e.getKey(),
                            e.getValue() / 1e9 / seconds * 100)));
            return out.toString();
        }
    }

    /** Frames sent and received over the whole run; its measured windows, one after the other. */
    record Run(long sent, long received, List<Window> windows) {
        long lost() {
            return sent - received;
        }

        private double total(java.util.function.ToDoubleFunction<Window> f) {
            return windows.stream().mapToDouble(f).sum();
        }

        double framesPerSecond() {
            return total(Window::frames) / total(Window::seconds);
        }

        double cpuShare() {
            return total(Window::cpuSeconds) / total(Window::seconds);
        }

        String windowShares() {
            return windows.stream().map(w -> Results.num(w.cpuSeconds() / w.seconds() * 100, 1))
                    .collect(Collectors.joining(", ")) + " %; load " + windows.stream()
                    .map(w -> Results.num(w.load(), 1)).collect(Collectors.joining(", "));
        }

        /** Each busy thread kind's CPU per frame over all windows, in microseconds, busiest first. */
        String perFrameByThread() {
            Map<String, Long> sum = new TreeMap<>();
            windows.forEach(w -> w.threadNanos().forEach((k, v) -> sum.merge(k, v, Long::sum)));
            double frames = Math.max(1, total(Window::frames));
            double all = total(Window::cpuSeconds) * 1e6 / frames;
            return "all " + Results.num(all, 0) + "; " + sum.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(e -> e.getValue() / 1e3 / frames >= 1)
                    .map(e -> e.getKey() + " " + Results.num(e.getValue() / 1e3 / frames, 0))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * Plays the sample through the pty for {@code warmUp} seconds, then measures {@code windows}
     * consecutive windows of {@code windowSeconds}: the gateway's JIT, still compiling after a
     * run of another kind, is not its cost at the wire rate (it was most of the CPU measured
     * there), and windows side by side show whether the cost has become flat.
     */
    private Run play(SampleFrames sample, Path port, MatSimulator.Options options, ChildJvm gateway, Metrics metrics,
                     double warmUp, int windows, double windowSeconds) throws Exception {
        MatSimulator simulator = new MatSimulator(new CyclingFrames(sample), options, () -> FilePortLink.open(port),
                Time.SYSTEM, (frame, device, truth) -> { });
        long start = metrics.frames();
        Thread thread = simulator.startThread("bench-simulator");
        Thread.sleep((long) (warmUp * 1000));
        List<Window> measured = new ArrayList<>();
        long frames0 = metrics.frames();
        double cpu0 = gateway.cpuSeconds();
        Map<String, Long> threads0 = ThreadCpu.snapshot(gateway.pid());
        long t0 = System.nanoTime();
        for (int i = 1; i <= windows; i++) {
            Thread.sleep((long) (windowSeconds * 1000));
            long frames = metrics.frames();
            double cpu = gateway.cpuSeconds();
            Map<String, Long> threads = ThreadCpu.snapshot(gateway.pid());
            long t = System.nanoTime();
            Window w = new Window(frames - frames0, (t - t0) / 1e9, cpu - cpu0, ThreadCpu.delta(threads0, threads),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            measured.add(w);
            System.out.println("bench: gateway " + (options.baud() == 0 ? "unpaced" : options.baud() + " baud") + ", "
                    + w.line(i));
            frames0 = frames;
            cpu0 = cpu;
            threads0 = threads;
            t0 = t;
        }
        simulator.stop();
        thread.join(10_000);
        long sent = simulator.result().framesSent();
        // The gateway may still be reading what the pty holds: wait until the count stops moving.
        long received = metrics.frames() - start;
        long settled = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (received < sent && System.nanoTime() < settled) {
            Thread.sleep(50);
            received = metrics.frames() - start;
        }
        return new Run(sent, received, measured);
    }

    /** The gateway's Prometheus counters. */
    private static final class Metrics {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI uri;

        Metrics(int port) {
            this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        }

        boolean answers() {
            try {
                return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Frames accepted into the spool, over every mat. */
        long frames() throws IOException, InterruptedException {
            return (long) sum("acumat_gateway_frames_total");
        }

        /** Whether everything spooled is in Kafka. */
        boolean drained() {
            try {
                return sum("acumat_gateway_spool_depth") == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private double sum(String metric) throws IOException, InterruptedException {
            String text = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith(metric)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }
    }

    static void await(java.util.function.BooleanSupplier condition, int seconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
