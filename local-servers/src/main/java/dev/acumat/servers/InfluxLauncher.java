package dev.acumat.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The steps that bring up the influxd of one {@link LocalInflux} (fixed ports): its directories
 * and config, the process, and the wait until it answers. The caller owns the started process.
 */
final class InfluxLauncher {
    private final LocalInflux.Options options;
    private final Path binary;
    private final int port;
    private final int rpcPort;
    private final BrokerLog log;

    InfluxLauncher(LocalInflux.Options options, Path binary, int port, int rpcPort, BrokerLog log) {
        this.options = options;
        this.binary = binary;
        this.port = port;
        this.rpcPort = rpcPort;
        this.log = log;
    }

    Path configFile() {
        return options.dataDir().resolve("influxdb.conf");
    }

    private Path pidFile() {
        return options.dataDir().resolve("influxd.pid");
    }

    private String url() {
        return "http://" + BrokerPorts.address(port);
    }

    /**
     * Writes the config, starts influxd and waits until {@code /ping} answers (and the admin user
     * exists, when asked for); kills it again if it does not get there.
     *
     * @throws BrokerPorts.PortInUseException if influxd died because a port was taken
     * @throws IOException if it died otherwise, another influxd runs on the data directory, or the
     *     deadline passed; with the end of its log
     */
    InfluxProcess launch(Instant deadline) throws IOException, InterruptedException {
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
        if (!p.isAlive()) {
            String tail = log.tail(logOffset);
            throw InfluxPorts.startUpFailure("influxd exited during start-up (exit " + p.influxd.exitValue()
                    + ", log " + log.file() + ")" + tail, tail);
        }
        if (Instant.now().isAfter(deadline)) {
            throw new IOException("influxd at " + url() + " not ready within " + options.startTimeout().toSeconds()
                    + " s" + log.tail(logOffset));
        }
    }
}
