package dev.acumat.analytics;

import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.analytics.settings.MatSettings;
import dev.acumat.analytics.web.AccessToken;
import dev.acumat.analytics.web.BindAddress;
import java.nio.file.Path;

/**
 * Everything the analytics service is told, made by {@link #builder()}: the defaults are named
 * here (the command line shows them from these constants), every setting is checked once as the
 * configuration is made, and an error names the setting (e.g. {@value #THREADS}); the launcher
 * says the flag instead. Immutable.
 *
 * @param kafka     bootstrap servers
 * @param influx    the InfluxDB endpoint (URL, database, credentials)
 * @param stateDir  where Kafka Streams keeps the local copy of each mat's state
 * @param threads   stream threads of this instance
 * @param stateMemoryMb what the local copy of the mats' state (RocksDB: its caches and write
 *                  buffers, every store together) may hold in memory, MiB
 * @param httpHost  where the web server listens, or null for none
 * @param httpPort  its port (0 = a free one)
 * @param httpToken what the web server asks of every client, or null for none (then
 *                  {@code httpHost} must be a loopback address: {@link BindAddress})
 * @param mats      settings of single mats (their cell order), the same on every instance
 */
public record AnalyticsConfig(String kafka, InfluxEndpoint influx, Path stateDir, int threads, long stateMemoryMb,
                              String httpHost, int httpPort, AccessToken httpToken, MatSettings mats) {
    /** Bootstrap servers, host:port[,host:port...]. */
    public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
    /** The InfluxDB endpoint's base URL ({@link InfluxEndpoint#URL}). */
    public static final String INFLUX_URL = InfluxEndpoint.URL;
    /** Where Kafka Streams keeps the local copy of each mat's state. */
    public static final String STATE_DIR = "streams.state-dir";
    /** Stream threads of this instance. */
    public static final String THREADS = "streams.threads";
    /** What the local copy of the mats' state may hold in memory, MiB. */
    public static final String STATE_MEMORY_MB = "streams.state-memory-mb";
    /** Where the web server listens, host:port. */
    public static final String WEB_ADDRESS = "web.address";

    public static final int DEFAULT_THREADS = 1;
    /** More threads than mats' partitions would idle; 64 is past any machine this runs on. */
    public static final int MAX_THREADS = 64;
    /**
     * Enough for the 32 tasks' stores of one instance at 1,000 mats and more: the mats' state is
     * written once a second and read back only when a task starts (docs/PERFORMANCE.md).
     */
    public static final long DEFAULT_STATE_MEMORY_MB = 64;
    /** Below this, 32 stores' memtables would be flushed after a few writes each. */
    public static final long MIN_STATE_MEMORY_MB = 32;
    /** 64 GiB: past any machine this runs on, and far from overflowing a count of bytes. */
    public static final long MAX_STATE_MEMORY_MB = 64L << 10;

    /** Checks every setting; {@link Builder#build()} is the way to make one, with the defaults. */
    public AnalyticsConfig {
        require(kafka != null && !kafka.isBlank(), KAFKA_BOOTSTRAP
                + ": give the bootstrap servers, host:port[,host:port...]");
        require(influx != null, INFLUX_URL + ": give the InfluxDB URL, e.g. http://127.0.0.1:8086");
        require(stateDir != null, STATE_DIR + ": give a directory");
        require(threads >= 1 && threads <= MAX_THREADS, THREADS + " must be 1.." + MAX_THREADS + ", got " + threads);
        require(stateMemoryMb >= MIN_STATE_MEMORY_MB && stateMemoryMb <= MAX_STATE_MEMORY_MB, STATE_MEMORY_MB
                + " must be " + MIN_STATE_MEMORY_MB + ".." + MAX_STATE_MEMORY_MB + ", got " + stateMemoryMb);
        if (httpHost != null) {
            require(httpPort >= 0 && httpPort < 65536, WEB_ADDRESS + ": port must be 0..65535, got " + httpPort);
            BindAddress.check(WEB_ADDRESS, httpHost, httpToken);
        }
        mats = mats == null ? MatSettings.NONE : mats;
    }

    /**
     * A builder holding the defaults: one thread, {@value #DEFAULT_STATE_MEMORY_MB} MiB for the state, no web
     * server, no mat with settings of its own.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the settings; {@link #build()} checks them all and makes the configuration. */
    public static final class Builder {
        private String kafka;
        private InfluxEndpoint influx;
        private Path stateDir;
        private int threads = DEFAULT_THREADS;
        private long stateMemoryMb = DEFAULT_STATE_MEMORY_MB;
        private String httpHost;
        private int httpPort;
        private AccessToken httpToken;
        private MatSettings mats = MatSettings.NONE;

        private Builder() {
        }

        /** {@value #KAFKA_BOOTSTRAP}. */
        public Builder kafka(String bootstrap) {
            this.kafka = bootstrap;
            return this;
        }

        /** The InfluxDB endpoint ({@value #INFLUX_URL}, {@code influx.db}, credentials). */
        public Builder influx(InfluxEndpoint endpoint) {
            this.influx = endpoint;
            return this;
        }

        /** {@value #STATE_DIR}. */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /** {@value #THREADS}. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** {@value #STATE_MEMORY_MB}. */
        public Builder stateMemoryMb(long mb) {
            this.stateMemoryMb = mb;
            return this;
        }

        /** {@value #WEB_ADDRESS}: serve the web UI and API at host:port (port 0: a free one); host null for none. */
        public Builder web(String host, int port) {
            this.httpHost = host;
            this.httpPort = port;
            return this;
        }

        /** The web server's access token, or null (then it may listen on loopback only). */
        public Builder webToken(AccessToken token) {
            this.httpToken = token;
            return this;
        }

        /** Settings of single mats. */
        public Builder mats(MatSettings mats) {
            this.mats = mats;
            return this;
        }

        /**
         * The configuration, every setting checked.
         *
         * @throws IllegalArgumentException naming the setting that is wrong
         */
        public AnalyticsConfig build() {
            return new AnalyticsConfig(kafka, influx, stateDir, threads, stateMemoryMb, httpHost, httpPort, httpToken,
                    mats);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
