package dev.acumat.cli;

import dev.acumat.analytics.AnalyticsService;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.web.AccessToken;
import dev.acumat.gateway.Gateway;
import dev.acumat.gateway.GatewayConfig;
import dev.acumat.gateway.Time;
import dev.acumat.gateway.health.MatHealth;
import dev.acumat.gateway.serial.JSerialCommPorts;
import dev.acumat.servers.LocalInflux;
import dev.acumat.servers.LocalKafka;
import dev.acumat.servers.OwnSession;
import dev.acumat.simulator.FilePortLink;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.MatSimulator;
import dev.acumat.simulator.Ticker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on one machine, started in order and stopped in reverse: a KRaft broker,
 * influxd, a virtual serial pair (socat), the simulated mat on one end, the gateway on the
 * other, and the analytics with the web server. Each part that started is registered for
 * stopping at once, so a failure half way leaves nothing behind.
 */
final class DemoRunner implements AutoCloseable {
    /**
     * @param dataDir  where everything keeps its data (a second run keeps the history)
     * @param kafka    an existing cluster's bootstrap servers, or null to start a broker
     * @param influx   an existing InfluxDB's URL, or null to start influxd
     * @param httpToken the web server's access token, or null (loopback only)
     */
    record Options(Path dataDir, String httpHost, int httpPort, AccessToken httpToken, String kafka, String influx,
                   String db, String matId, boolean loop) {
    }

    /** How long the status line keeps showing a problem after it was logged. */
    static final Duration PROBLEM_SHOWN = Duration.ofMinutes(2);

    private final Options options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;
    private Gateway gateway;
    private AnalyticsService analytics;
    private MatSimulator simulator;
    private long lastFrames;
    private long lastStatusNanos = System.nanoTime();

    DemoRunner(Options options) {
        this.options = options;
    }

    /** Starts every part, printing the three address lines as each answers. */
    void start(FrameSource source, double hz, PrintStream out) throws Exception {
        Path data = options.dataDir();
        checkDataDir(data);
        checkPortFree(options.httpHost(), options.httpPort());

        String bootstrap = options.kafka();
        if (bootstrap == null) {
            LocalKafka kafka = LocalKafka.start(LocalKafka.Options.of(data.resolve("kafka"), LocalKafka.Options.jarsIn(libDir())));
            kafka.leaveStopToOwner();  // stopped last, after everyone has flushed into it
            keep(kafka);
            bootstrap = kafka.bootstrap();
        }
        out.println("kafka: " + bootstrap);

        String influxUrl = options.influx();
        if (influxUrl == null) {
            LocalInflux influx = LocalInflux.start(LocalInflux.Options.of(data.resolve("influx")));
            influx.leaveStopToOwner();
            keep(influx);
            influxUrl = influx.url();
        }
        out.println("influx: " + influxUrl);

        Path run = Files.createDirectories(data.resolve("run"));
        Path matEnd = run.resolve("mat");
        Path hostEnd = run.resolve("host");
        keep(ptyPair(matEnd, hostEnd, data.resolve("logs").resolve("socat.log")));

        simulator = new MatSimulator(source, new MatSimulator.Options(options.matId(), hz, 1, 0, options.loop(), true),
                () -> FilePortLink.open(matEnd), Ticker.SYSTEM, null);
        Thread mat = new Thread(() -> {
            try (source) {
                simulator.run();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(DemoRunner.class).error("simulated mat stopped: {}", e.toString());
            }
        }, "simulated-mat");
        mat.setDaemon(true);
        mat.start();
        keep(() -> {
            simulator.stop();
            mat.join(5_000);
        });

        gateway = Gateway.start(new GatewayConfig(hostEnd.toString(), 921_600, bootstrap, data.resolve("spool"),
                1024L * 1024 * 1024, "interval", null, 32, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(10)), new JSerialCommPorts(), Time.SYSTEM);
        keep(gateway);

        analytics = AnalyticsService.start(new AnalyticsService.Config(bootstrap, InfluxEndpoint.of(influxUrl,
                options.db()), data.resolve("analytics-state"), 1, options.httpHost(), options.httpPort(),
                options.httpToken()));
        keep(analytics);
        out.println("web: http://" + HostPort.forUrl(options.httpHost()) + ":" + analytics.httpPort() + "/");
        out.flush();
    }

    /** One status line: frames per second since the last call, mats, running sessions, the last problem. */
    String status() {
        long frames = 0;
        int mats = 0;
        for (MatHealth h : gateway.intake().health().values()) {
            frames += h.frames();
            mats++;
        }
        long now = System.nanoTime();
        double rate = (frames - lastFrames) / Math.max(1e-9, (now - lastStatusNanos) / 1e9);
        lastFrames = frames;
        lastStatusNanos = now;
        return String.format(java.util.Locale.ROOT, "%.1f frames/s, %d mat%s, %d active session%s%s", rate, mats,
                mats == 1 ? "" : "s", analytics.activeSessions(), analytics.activeSessions() == 1 ? "" : "s",
                problem(DemoLog.lastProblem(), System.currentTimeMillis()));
    }

    /** The last problem with its age; gone after a while, so that one passing hiccup does not stay on screen. */
    static String problem(DemoLog.Problem p, long nowMillis) {
        long ageSeconds = p == null ? Long.MAX_VALUE : Math.max(0, (nowMillis - p.epochMillis()) / 1000);
        if (ageSeconds > PROBLEM_SHOWN.toSeconds()) {
            return "";
        }
        return ", last problem " + ageSeconds + " s ago: " + p.text();
    }

    /**
     * Takes a part that has started, to be stopped by {@link #close}; when the demo is already
     * stopping (Ctrl-C while it starts), stops the part at once instead, so nothing is left behind.
     */
    private synchronized void keep(AutoCloseable part) throws Exception {
        if (closed) {
            part.close();
            throw new StoppedWhileStarting();
        }
        started.push(part);
    }

    /** Ctrl-C came while the demo was starting; what had started is stopped. */
    static final class StoppedWhileStarting extends Exception {
        StoppedWhileStarting() {
            super("stopped while starting", null, false, false);
        }
    }

    /** Stops everything that started, newest first; each part flushes what it holds. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(DemoRunner.class).warn("stopping: {}", e.toString());
            }
        }
    }

    private static void checkDataDir(Path data) throws IOException {
        try {
            Files.createDirectories(data.resolve("logs"));
            Path probe = Files.createTempFile(data, ".write-check", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("the data directory " + data + " is not usable (" + Acumat.describe(e)
                    + "); pass --data-dir DIR", e);
        }
    }

    private static void checkPortFree(String host, int port) throws IOException {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("port " + port + " on " + host + " is in use; pass --http " + host + ":PORT", e);
        }
    }

    /** A socat pty pair; returns once both ends exist. */
    private static AutoCloseable ptyPair(Path a, Path b, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
        Process socat;
        try {
            socat = new ProcessBuilder(OwnSession.command(List.of("socat", "pty,raw,echo=0,link=" + a,
                    "pty,raw,echo=0,link=" + b)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IOException("socat not found: install the Debian package socat (apt-get install socat)", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!socat.isAlive() && socat.exitValue() == 127) {  // setsid found no socat to run
                throw new IOException("socat not found: install the Debian package socat (apt-get install socat)");
            }
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroyForcibly();
                throw new IOException("socat could not make the virtual serial pair; see " + log);
            }
            socat.waitFor(20, TimeUnit.MILLISECONDS);
        }
        return () -> {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        };
    }

    /** The launcher's lib/ directory beside acumat.jar: the broker's child JVM takes its jars from there. */
    private static Path libDir() throws URISyntaxException {
        Path jar = Path.of(DemoRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().resolve("lib");
    }
}
