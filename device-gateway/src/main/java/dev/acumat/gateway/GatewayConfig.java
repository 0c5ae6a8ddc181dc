package dev.acumat.gateway;

import dev.acumat.gateway.input.TextMat;
import dev.acumat.protocol.WireFormat;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the gateway is told, validated once at start; errors name the option.
 *
 * @param serial          the mat's port (a device, a pty or a symlink), or "auto"
 * @param baud            the UART's rate
 * @param kafka           bootstrap servers, host:port[,host:port...]
 * @param spoolDir        where the spool lives; one gateway per directory
 * @param spoolMaxBytes   the spool's bound on disk
 * @param spoolFsync      always, interval or never (device-gateway/SPOOL.md)
 * @param matId           the mat id to use whatever the mat says, or null
 * @param partitions      partitions of acumat.frames when the gateway creates it
 * @param silenceTimeout  no byte for this long means the port is lost
 * @param reconnectMax    the cap of the reconnect backoff
 * @param healthInterval  how often health is logged and produced
 * @param input           what the port carries: the protocol, a text mat's lines, or either
 * @param matLayout       the cell order and kind the gateway states for the mat ({@code --cell-order},
 *                        {@code --mat-layout}), or null to forward the mat's own
 */
public record GatewayConfig(String serial, int baud, String kafka, Path spoolDir, long spoolMaxBytes, String spoolFsync,
                            String matId, int partitions, Duration silenceTimeout, Duration reconnectMax,
                            Duration healthInterval, InputConfig input, MatLayoutOverride matLayout) {
    /** A gateway whose input is {@link InputConfig#DEFAULT}, forwarding the mat's own layout. */
    public GatewayConfig(String serial, int baud, String kafka, Path spoolDir, long spoolMaxBytes, String spoolFsync,
                         String matId, int partitions, Duration silenceTimeout, Duration reconnectMax,
                         Duration healthInterval) {
        this(serial, baud, kafka, spoolDir, spoolMaxBytes, spoolFsync, matId, partitions, silenceTimeout, reconnectMax,
                healthInterval, InputConfig.DEFAULT, null);
    }

    /** A gateway whose port carries {@code input}, forwarding the mat's own layout. */
    public GatewayConfig(String serial, int baud, String kafka, Path spoolDir, long spoolMaxBytes, String spoolFsync,
                         String matId, int partitions, Duration silenceTimeout, Duration reconnectMax,
                         Duration healthInterval, InputConfig input) {
        this(serial, baud, kafka, spoolDir, spoolMaxBytes, spoolFsync, matId, partitions, silenceTimeout, reconnectMax,
                healthInterval, input, null);
    }

    public GatewayConfig {
        require(serial != null && !serial.isBlank(), "--serial: give the mat's port (a path) or auto");
        require(baud >= 300 && baud <= 12_000_000, "--baud must be 300..12000000, got " + baud);
        require(kafka != null && !kafka.isBlank(), "--kafka: give the bootstrap servers, host:port[,host:port...]");
        for (String server : kafka.split(",")) {
            int colon = server.lastIndexOf(':');
            require(colon > 0 && colon < server.length() - 1 && isPort(server.substring(colon + 1).strip()),
                    "--kafka: '" + server.strip() + "' is not host:port");
        }
        require(spoolDir != null, "--spool: give a directory");
        require(spoolMaxBytes >= 16L * 1024 * 1024, "--spool-max-mb must be at least 16, got " + spoolMaxBytes / 1024 / 1024);
        require(spoolFsync != null && (spoolFsync.equals("always") || spoolFsync.equals("interval")
                || spoolFsync.equals("never")), "--spool-fsync must be always, interval or never, got " + spoolFsync);
        require(matId == null || WireFormat.isValidMatId(matId),
                "--mat-id must be 1..64 of A-Z a-z 0-9 . _ : -, got '" + matId + "'");
        require(partitions >= 1 && partitions <= 10_000, "--partitions must be 1..10000, got " + partitions);
        require(positive(silenceTimeout), "--silence-timeout must be positive");
        require(positive(reconnectMax), "--reconnect-max must be positive");
        require(positive(healthInterval), "--health-interval must be positive");
        require(input != null, "--input must be binary, csv or auto");
        require(!(serial.equals("auto") && input.format() == dev.acumat.gateway.input.InputFormat.CSV),
                "--serial auto finds a mat by its answer to the acumat protocol; a text mat (--input csv) needs"
                        + " its port's path");
    }

    /** The id of a text mat on this port: --mat-id, else one made of the port's name ({@link TextMat#defaultMatId}). */
    public String textMatId() {
        return matId != null ? matId : TextMat.defaultMatId(serial);
    }

    /** This configuration with {@code --cell-order}/{@code --mat-layout} (null: none). */
    public GatewayConfig withMatLayout(MatLayoutOverride layout) {
        return new GatewayConfig(serial, baud, kafka, spoolDir, spoolMaxBytes, spoolFsync, matId, partitions,
                silenceTimeout, reconnectMax, healthInterval, input, layout);
    }

    public boolean autoDetect() {
        return serial.equals("auto");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static boolean isPort(String s) {
        try {
            int p = Integer.parseInt(s);
            return p > 0 && p < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
