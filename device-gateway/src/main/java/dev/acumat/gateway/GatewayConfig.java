package dev.acumat.gateway;

import dev.acumat.contract.Topics;
import dev.acumat.gateway.input.InputFormat;
import dev.acumat.gateway.input.TextMat;
import dev.acumat.gateway.spool.FsyncPolicy;
import dev.acumat.protocol.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Everything the gateway is told, made by {@link #builder()}: the defaults are named here (the
 * command line shows them from these constants), {@link Builder#build()} checks every setting
 * once, and an error names the setting (e.g. {@value #SPOOL_FSYNC}); the launcher says the
 * flag instead. Immutable.
 */
public final class GatewayConfig {
    /** The mat's port (a device, a pty or a symlink), or {@value #AUTO}. */
    public static final String SERIAL_PORT = "serial.port";
    /** The UART's rate. */
    public static final String SERIAL_BAUD = "serial.baud";
    /** No byte for this long means the port is lost. */
    public static final String SILENCE_TIMEOUT = "serial.silence-timeout";
    /** The cap of the reconnect backoff. */
    public static final String RECONNECT_MAX = "serial.reconnect-max";
    /** Bootstrap servers, host:port[,host:port...]. */
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    /** Partitions of acumat.frames when the gateway creates it. */
    public static final String KAFKA_PARTITIONS = "kafka.partitions";
    /** Where the spool lives; one gateway per directory. */
    public static final String SPOOL_DIR = "spool.dir";
    /** The spool's bound on disk, in MiB. */
    public static final String SPOOL_MAX_MB = "spool.max-mb";
    /** When the spool forces its appends to the disk ({@link FsyncPolicy}). */
    public static final String SPOOL_FSYNC = "spool.fsync";
    /** The mat id to use whatever the mat says. */
    public static final String MAT_ID = "mat.id";
    /** How often health is logged and produced. */
    public static final String HEALTH_INTERVAL = "health.interval";

    /** The port value that makes the gateway find the mat among the system's ports. */
    public static final String AUTO = "auto";
    public static final int DEFAULT_BAUD = 921_600;
    public static final int MIN_BAUD = 300;
    public static final int MAX_BAUD = 12_000_000;
    /** 1 GiB: about 8 hours of a 32 x 20 mat (device-gateway/SPOOL.md). */
    public static final long DEFAULT_SPOOL_MAX_MB = 1024;
    public static final long MIN_SPOOL_MAX_MB = 16;
    /** 16 TiB: far beyond any disk beside a mat, and no overflow in bytes. */
    public static final long MAX_SPOOL_MAX_MB = 16L << 20;
    /** {@link FsyncPolicy#INTERVAL}, as the setting spells it. */
    public static final String DEFAULT_SPOOL_FSYNC = "interval";
    public static final int DEFAULT_PARTITIONS = Topics.DEFAULT_FRAMES_PARTITIONS;
    public static final int MAX_PARTITIONS = 10_000;
    public static final int DEFAULT_SILENCE_TIMEOUT_SECONDS = 5;
    /**
     * 1 s: a mat plugged back in is read again within about a second (SerialLineIT measures it);
     * an attempt while it is out costs one look at the path.
     */
    public static final int DEFAULT_RECONNECT_MAX_SECONDS = 1;
    public static final int DEFAULT_HEALTH_INTERVAL_SECONDS = 10;
    /** The longest of the three durations: a day. */
    public static final int MAX_DURATION_SECONDS = 86_400;

    private final String serial;
    private final int baud;
    private final String kafka;
    private final Path spoolDir;
    private final long spoolMaxBytes;
    private final FsyncPolicy spoolFsync;
    private final String matId;
    private final int partitions;
    private final Duration silenceTimeout;
    private final Duration reconnectMax;
    private final Duration healthInterval;
    private final InputConfig input;
    private final MatLayoutOverride matLayout;

    private GatewayConfig(Builder b, FsyncPolicy fsync) {
        this.serial = b.serial;
        this.baud = b.baud;
        this.kafka = b.kafka;
        this.spoolDir = b.spoolDir;
        this.spoolMaxBytes = b.spoolMaxMb * 1024 * 1024;
        this.spoolFsync = fsync;
        this.matId = b.matId;
        this.partitions = b.partitions;
        this.silenceTimeout = b.silenceTimeout;
        this.reconnectMax = b.reconnectMax;
        this.healthInterval = b.healthInterval;
        this.input = b.input;
        this.matLayout = b.matLayout;
    }

    /** A builder holding every default; {@link Builder#serial} and {@link Builder#kafka} have none. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the mat's port settings alone, in the words {@link Builder#build()} uses: for a
     * command that starts other things before it knows the rest of the gateway's settings.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static void checkPort(String serial, int baud, String matId) {
        require(serial != null && !serial.isBlank(), SERIAL_PORT + ": give the mat's port (a path) or " + AUTO);
        require(baud >= MIN_BAUD && baud <= MAX_BAUD, SERIAL_BAUD + " must be " + MIN_BAUD + ".." + MAX_BAUD
                + ", got " + baud);
        require(matId == null || WireFormat.isValidMatId(matId),
                MAT_ID + " must be 1..64 of A-Z a-z 0-9 . _ : -, got '" + matId + "'");
    }

    /** The mat's port, or {@value #AUTO}. */
    public String serial() {
        return serial;
    }

    public int baud() {
        return baud;
    }

    /** Bootstrap servers, host:port[,host:port...]. */
    public String kafka() {
        return kafka;
    }

    public Path spoolDir() {
        return spoolDir;
    }

    /** The spool's bound on disk. */
    public long spoolMaxBytes() {
        return spoolMaxBytes;
    }

    public FsyncPolicy spoolFsync() {
        return spoolFsync;
    }

    /** The mat id to use whatever the mat says, or null. */
    public String matId() {
        return matId;
    }

    public int partitions() {
        return partitions;
    }

    public Duration silenceTimeout() {
        return silenceTimeout;
    }

    public Duration reconnectMax() {
        return reconnectMax;
    }

    public Duration healthInterval() {
        return healthInterval;
    }

    /** What the port carries: the protocol, a text mat's lines, or either. */
    public InputConfig input() {
        return input;
    }

    /** The cell order and kind the gateway states for the mat, or null to forward the mat's own. */
    public MatLayoutOverride matLayout() {
        return matLayout;
    }

    /** The id of a text mat on this port: {@value #MAT_ID}, else one made of the port's name ({@link TextMat#defaultMatId}). */
    public String textMatId() {
        return matId != null ? matId : TextMat.defaultMatId(serial);
    }

    public boolean autoDetect() {
        return serial.equals(AUTO);
    }

    /** Collects the settings; {@link #build()} checks them all and makes the configuration. */
    public static final class Builder {
        private String serial;
        private int baud = DEFAULT_BAUD;
        private String kafka;
        private Path spoolDir;
        private long spoolMaxMb = DEFAULT_SPOOL_MAX_MB;
        private String spoolFsync = DEFAULT_SPOOL_FSYNC;
        private String matId;
        private int partitions = DEFAULT_PARTITIONS;
        private Duration silenceTimeout = Duration.ofSeconds(DEFAULT_SILENCE_TIMEOUT_SECONDS);
        private Duration reconnectMax = Duration.ofSeconds(DEFAULT_RECONNECT_MAX_SECONDS);
        private Duration healthInterval = Duration.ofSeconds(DEFAULT_HEALTH_INTERVAL_SECONDS);
        private InputConfig input = InputConfig.DEFAULT;
        private MatLayoutOverride matLayout;

        private Builder() {
        }

        /** {@value #SERIAL_PORT}: the mat's port, or {@value #AUTO}. */
        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        /** {@value #SERIAL_BAUD}. */
        public Builder baud(int baud) {
            this.baud = baud;
            return this;
        }

        /** {@value #KAFKA_BOOTSTRAP}. */
        public Builder kafka(String bootstrap) {
            this.kafka = bootstrap;
            return this;
        }

        /** {@value #SPOOL_DIR}. */
        public Builder spoolDir(Path dir) {
            this.spoolDir = dir;
            return this;
        }

        /** {@value #SPOOL_MAX_MB}. */
        public Builder spoolMaxMb(long mb) {
            this.spoolMaxMb = mb;
            return this;
        }

        /** {@value #SPOOL_FSYNC} as written: always, interval or never. */
        public Builder spoolFsync(String policy) {
            this.spoolFsync = policy;
            return this;
        }

        /** {@value #SPOOL_FSYNC}. */
        public Builder spoolFsync(FsyncPolicy policy) {
            return spoolFsync(policy == null ? null : policy.text());
        }

        /** {@value #MAT_ID}, or null for the mat's own. */
        public Builder matId(String matId) {
            this.matId = matId;
            return this;
        }

        /** {@value #KAFKA_PARTITIONS}. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** {@value #SILENCE_TIMEOUT}. */
        public Builder silenceTimeout(Duration timeout) {
            this.silenceTimeout = timeout;
            return this;
        }

        /** {@value #RECONNECT_MAX}. */
        public Builder reconnectMax(Duration max) {
            this.reconnectMax = max;
            return this;
        }

        /** {@value #HEALTH_INTERVAL}. */
        public Builder healthInterval(Duration interval) {
            this.healthInterval = interval;
            return this;
        }

        /** What the port carries ({@link InputConfig}, checked when it was built). */
        public Builder input(InputConfig input) {
            this.input = input;
            return this;
        }

        /** The cell order and kind to state for the mat, or null for the mat's own. */
        public Builder matLayout(MatLayoutOverride layout) {
            this.matLayout = layout;
            return this;
        }

        /**
         * The configuration, every setting checked.
         *
         * @throws IllegalArgumentException naming the setting that is wrong
         */
        public GatewayConfig build() {
            checkPort(serial, baud, matId);
            require(kafka != null && !kafka.isBlank(), KAFKA_BOOTSTRAP
                    + ": give the bootstrap servers, host:port[,host:port...]");
            for (String server : kafka.split(",")) {
                int colon = server.lastIndexOf(':');
                require(colon > 0 && colon < server.length() - 1 && isPort(server.substring(colon + 1).strip()),
                        KAFKA_BOOTSTRAP + ": '" + server.strip() + "' is not host:port");
            }
            require(spoolDir != null, SPOOL_DIR + ": give a directory");
            require(spoolMaxMb >= MIN_SPOOL_MAX_MB && spoolMaxMb <= MAX_SPOOL_MAX_MB, SPOOL_MAX_MB + " must be "
                    + MIN_SPOOL_MAX_MB + ".." + MAX_SPOOL_MAX_MB + ", got " + spoolMaxMb);
            FsyncPolicy fsync = FsyncPolicy.of(spoolFsync);
            require(fsync != null, SPOOL_FSYNC + " must be always, interval or never, got '" + spoolFsync + "'");
            require(partitions >= 1 && partitions <= MAX_PARTITIONS, KAFKA_PARTITIONS + " must be 1.."
                    + MAX_PARTITIONS + ", got " + partitions);
            requireSeconds(silenceTimeout, SILENCE_TIMEOUT);
            requireSeconds(reconnectMax, RECONNECT_MAX);
            requireSeconds(healthInterval, HEALTH_INTERVAL);
            require(input != null, InputConfig.FORMAT + ": give what the port carries");
            require(!(serial.equals(AUTO) && input.format() == InputFormat.CSV), SERIAL_PORT + " " + AUTO
                    + " finds a mat by its answer to the acumat protocol; a text mat (" + InputConfig.FORMAT
                    + " csv) needs its port's path");
            return new GatewayConfig(this, fsync);
        }
    }

    private static void requireSeconds(Duration d, String setting) {
        require(d != null && !d.isNegative() && !d.isZero() && d.compareTo(Duration.ofSeconds(MAX_DURATION_SECONDS)) <= 0,
                setting + " must be in (0, " + MAX_DURATION_SECONDS + "] seconds, got "
                        + (d == null ? "none" : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0)));
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
