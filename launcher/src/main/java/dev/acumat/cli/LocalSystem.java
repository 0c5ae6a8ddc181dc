package dev.acumat.cli;

import dev.acumat.analytics.AnalyticsConfig;
import dev.acumat.analytics.AnalyticsService;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.stream.StreamsRunner;
import dev.acumat.analytics.web.AccessToken;
import dev.acumat.analytics.web.ServerCheck;
import dev.acumat.gateway.Gateway;
import dev.acumat.gateway.GatewayConfig;
import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.MatLayoutOverride;
import dev.acumat.time.Time;
import dev.acumat.gateway.health.MatHealth;
import dev.acumat.gateway.serial.JSerialCommPorts;
import dev.acumat.servers.LocalInflux;
import dev.acumat.servers.LocalKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine, started in order and stopped in reverse: a KRaft broker,
 * influxd, the mat's link (a real serial port for {@code run}; for {@code demo} a simulated mat
 * on a socat pty: {@link SimulatedMat}), the gateway, and the analytics with the web server.
 * Each part that started is registered for stopping at once, so a failure half way leaves
 * nothing behind. A server that dies or stops answering is reported at once and shown on the
 * status line; the rest keeps going (the gateway spools the mat's frames), see OPERATIONS.md.
 */
final class LocalSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

    /** How long the status line waits for a server's answer, and how long the answer is reused. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration CHECK_CACHE = Duration.ofSeconds(1);
    /** A stop with the broker known to be down: nothing can reach it, so no point waiting. */
    private static final Duration BROKER_DOWN_GRACE = Duration.ofSeconds(1);

    /**
     * @param dataDir   where everything keeps its data (a second run keeps the history)
     * @param kafka     an existing cluster's bootstrap servers, or null to start a broker
     * @param influx    an existing InfluxDB's URL, or null to start influxd
     * @param httpToken the web server's access token, or null (loopback only)
     * @param baud      the mat's UART rate, for the gateway
     * @param matId     the gateway names the mat this whatever its device-info says, or null
     * @param input     what the mat's port carries (the gateway's mat-input options)
     * @param matLayout the cell order and kind the gateway states for the mat, or null for the mat's own
     */
    record Options(Path dataDir, String httpHost, int httpPort, AccessToken httpToken, String kafka, String influx,
                   String db, int baud, String matId, InputConfig input,
                   MatLayoutOverride matLayout) {
    }

    /** How the gateway reaches the mat: a serial port as it is, or a simulated mat this system starts. */
    interface MatLink {
        /** Starts what the mat needs, each part handed to {@code parts}; returns the port the gateway reads. */
        String open(Path dataDir, Parts parts) throws Exception;
    }

    /** Takes a part that has started, to be stopped with the system. */
    interface Parts {
        void keep(AutoCloseable part) throws Exception;
    }

    private final Options options;
    private final ServerHealth health = new ServerHealth(Time.SYSTEM);
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean closed;
    private Gateway gateway;
    private AnalyticsService analytics;
    private String brokerName = "Kafka";
    private String webUrl;
    private long lastFrames;
    private long lastStatusNanos = System.nanoTime();

    LocalSystem(Options options) {
        this.options = options;
    }

    /**
     * Starts every part, printing the three address lines as each answers; a server dying later
     * gets a line on {@code out} at once.
     */
    void start(MatLink mat, PrintStream out) throws Exception {
        Path data = options.dataDir();
        checkPortFree(options.httpHost(), options.httpPort());

        String bootstrap = options.kafka();
        if (bootstrap == null) {
            LocalKafka kafka = LocalKafka.start(LocalKafka.Options.of(data.resolve("kafka"), LocalKafka.Options.jarsIn(libDir())));
            kafka.leaveStopToOwner();  // stopped last, after everyone has flushed into it
            keep(kafka);
            bootstrap = kafka.bootstrap();
            brokerName = "broker";
            health.watch(brokerName, kafka.exit(), down -> serverDied("the Kafka broker", down, kafka.logFile(), out));
        }
        health.check(brokerName, ServerCheck.kafka(bootstrap, CHECK_TIMEOUT, CHECK_CACHE)::status);
        out.println("kafka: " + bootstrap);

        String influxUrl = options.influx();
        String influxName = "InfluxDB";
        if (influxUrl == null) {
            LocalInflux influx = LocalInflux.start(LocalInflux.Options.of(data.resolve("influx")));
            influx.leaveStopToOwner();
            keep(influx);
            influxUrl = influx.url();
            influxName = "influxd";
            health.watch(influxName, influx.exit(), down -> serverDied("influxd", down, influx.logFile(), out));
        }
        InfluxEndpoint endpoint = InfluxEndpoint.of(influxUrl, options.db());
        health.check(influxName, ServerCheck.influx(endpoint, CHECK_TIMEOUT, CHECK_CACHE)::status);
        out.println("influx: " + influxUrl);

        String serial = mat.open(data, this::keep);

        GatewayConfig config = GatewayConfig.builder().serial(serial).baud(options.baud()).matId(options.matId())
                .input(options.input()).matLayout(options.matLayout()).kafka(bootstrap).spoolDir(data.resolve("spool"))
                .build();
        gateway = Gateway.start(config, new JSerialCommPorts(), Time.SYSTEM);
        Gateway started = gateway;
        keep(() -> started.close(stopGrace(Gateway.DRAIN_GRACE)));

        analytics = AnalyticsService.start(AnalyticsConfig.builder().kafka(bootstrap).influx(endpoint)
                .stateDir(data.resolve("analytics-state")).web(options.httpHost(), options.httpPort())
                .webToken(options.httpToken()).build());
        AnalyticsService running = analytics;
        keep(() -> running.close(stopGrace(StreamsRunner.CLOSE_GRACE)));
        webUrl = "http://" + HostPort.forUrl(options.httpHost()) + ":" + analytics.httpPort() + "/";
        out.println("web: " + webUrl);
        out.flush();
    }

    /**
     * How long a stop waits for Kafka: {@code normal}, or a second when the broker is known to be
     * down (nothing can reach it; the spool and the uncommitted input are kept for the next start).
     */
    private Duration stopGrace(Duration normal) {
        return health.knownDown(brokerName) ? BROKER_DOWN_GRACE : normal;
    }

    /** The web UI's address, once started. */
    String webUrl() {
        return webUrl;
    }

    /** A server this system started has died: one line at once, in the log and on the terminal. */
    private static void serverDied(String what, ServerHealth.Down down, Path serverLog, PrintStream out) {
        log.error("{} died ({}); see {}", what, down.why(), serverLog);
        out.println();
        out.println("acumat: " + what + " died (" + down.why() + "; its log: " + serverLog + "); the gateway keeps the"
                + " mat's frames in its spool: stop (Ctrl-C) and start again to send them");
        out.flush();
    }

    /** One status line: frames per second since the last call, mats, running sessions, servers down, the last problem. */
    String status() throws InterruptedException {
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
        List<ServerHealth.Down> downs = health.downs();
        return StatusLine.format(rate, mats, analytics.activeSessions(), downs, brokerName, DemoLog.lastProblem(),
                System.currentTimeMillis());
    }

    /**
     * Takes a part that has started, to be stopped by {@link #close}; when the system is already
     * stopping (Ctrl-C while it starts), stops the part at once instead, so nothing is left behind.
     */
    private synchronized void keep(AutoCloseable part) throws Exception {
        if (closed) {
            part.close();
            throw new StoppedWhileStarting();
        }
        started.push(part);
    }

    /** Ctrl-C came while the system was starting; what had started is stopped. */
    static final class StoppedWhileStarting extends Exception {
        StoppedWhileStarting() {
            super("stopped while starting", null, false, false);
        }
    }

    /** Stops everything that started, newest first; each part flushes what it holds. */
    @Override
    public void close() {
        health.stopping();
        synchronized (this) {
            closed = true;
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    log.warn("stopping: {}", e.toString());
                }
            }
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

    /** The launcher's lib/ directory beside acumat.jar: the broker's child JVM takes its jars from there. */
    private static Path libDir() throws URISyntaxException {
        Path jar = Path.of(LocalSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().resolve("lib");
    }
}
