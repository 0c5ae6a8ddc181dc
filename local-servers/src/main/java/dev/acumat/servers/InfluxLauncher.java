package dev.acumat.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The steps that bring up the influxd of one {@link LocalInflux} (fixed ports): its directories
 * and config, the process, and the wait until it answers. The caller owns the started process.
 */
final class InfluxLauncher implements ServerProcess.Launcher {
    /** influxd 1.x: {@code listen tcp 127.0.0.1:8086: bind: address already in use}. */
    private static final Pattern BIND_FAILURE =
            Pattern.compile("listen tcp [^\\s]*:(\\d+): bind: address already in use");

    private final LocalInflux.Options options;
    private final Path binary;
    private final int port;
    private final int rpcPort;
    private final ServerLog log;

    InfluxLauncher(LocalInflux.Options options, Path binary, int port, int rpcPort, ServerLog log) {
        this.options = options;
        this.binary = binary;
        this.port = port;
        this.rpcPort = rpcPort;
        this.log = log;
    }

    /** The config file influxd runs with, rewritten on every start. */
    static Path configFile(Path dataDir) {
        return dataDir.resolve("influxdb.conf");
    }

    private Path configFile() {
        return configFile(options.dataDir());
    }

    private Path pidFile() {
        return options.dataDir().resolve("influxd.pid");
    }

    private String url() {
        return "http://" + LoopbackPorts.address(port);
    }

    /**
     * Writes the config, starts influxd and waits until {@code /ping} answers (and the admin user
     * exists, when asked for); kills it again if it does not get there.
     *
     * @throws LoopbackPorts.PortInUseException if influxd died because a port was taken
     * @throws IOException if it died otherwise, another influxd runs on the data directory, or the
     *     deadline passed; with the end of its log
     */
    @Override
    public InfluxProcess launch(Instant deadline) throws IOException, InterruptedException {
        for (String dir : new String[] {"meta", "data", "wal"}) {
            Files.createDirectories(options.dataDir().resolve(dir));
        }
        InfluxProcess.checkNotRunning(pidFile(), configFile());
        log.rotate();
        BrokerConfig.writeAtomically(configFile(), InfluxConfig.text(port, rpcPort, options.dataDir(),
                options.adminUser() != null, options.extraConfig()));
        long logOffset = log.appendMarker("starting influxd on " + url());
        InfluxProcess p = InfluxProcess.start(binary, configFile(), pidFile(), log.file());
        try {
            InfluxReadiness readiness = new InfluxReadiness(url(), () -> checkProgress(p, logOffset, deadline));
            readiness.awaitPing();
            if (options.adminUser() != null) {
                readiness.ensureAdmin(options.adminUser(), options.adminPassword());
            }
            return p;
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.kill();
            throw e;
        }
    }

    /** Throws if influxd has died or the deadline has passed. */
    private void checkProgress(InfluxProcess p, long logOffset, Instant deadline) throws IOException {
        if (!p.process().isAlive()) {
            String tail = log.tail(logOffset);
            throw LoopbackPorts.startUpFailure("influxd exited during start-up (exit " + p.process().exitValue()
                    + ", log " + log.file() + ")" + tail, tail, BIND_FAILURE);
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IOException("influxd at " + url() + " not ready within " + options.startTimeout().toSeconds()
                    + " s" + log.tail(logOffset));
        }
    }
}
