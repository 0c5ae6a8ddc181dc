package dev.acumat.analytics.web;

import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.time.Time;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Pong;

/**
 * Whether a server answers, asked with a short timeout and the answer kept for a moment: any
 * number of health requests cost the server at most one probe per {@code cacheFor}, and a probe
 * that hangs is never started twice (the next ones wait for it, or report it silent).
 */
public final class ServerCheck {
    /**
     * The last answer: {@code detail} is the server's version when up (may be empty); when down,
     * "no answer within N ms" or the class of the error (e.g. {@code ConnectException}).
     */
    public record Status(boolean ok, String detail) {
    }

    /** Where the probes of every check run: daemon threads, at most one per check at a time. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "server-check");
        t.setDaemon(true);
        return t;
    });

    private final Callable<String> probe;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Time time;
    private final Executor executor;
    private CompletableFuture<String> inFlight;
    private Status last;
    private long lastNanos;

    /**
     * @param probe     returns the server's version (or "") when it answers; throws when it does not
     * @param timeout   how long one request waits for the probe
     * @param cacheFor  how long an answer is reused
     * @param time      measures an answer's age ({@link Time#nanoTime})
     * @param executor  where the probe runs (it may block up to its client's own timeouts)
     */
    public ServerCheck(Callable<String> probe, Duration timeout, Duration cacheFor, Time time,
                       Executor executor) {
        this.probe = Objects.requireNonNull(probe);
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.time = time;
        this.executor = executor;
    }

    /** The server's state, probed now unless an answer younger than {@code cacheFor} is at hand. */
    public synchronized Status status() throws InterruptedException {
        long now = time.nanoTime();
        if (last != null && now - lastNanos < cacheFor.toNanos()) {
            return last;
        }
        if (inFlight == null) {
            inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return probe.call();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, executor);
        }
        Status status;
        try {
            String version = inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            status = new Status(true, version == null ? "" : version);
            inFlight = null;
        } catch (TimeoutException e) {
            // Left running: the next request takes its answer rather than starting another probe.
            status = new Status(false, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            status = new Status(false, describe(cause));
            inFlight = null;
        }
        last = status;
        lastNanos = time.nanoTime();
        return status;
    }

    /**
     * The kind of failure only: health is open to anyone who reaches the port (even with an access
     * token), and a message may name hosts and ports of the servers behind it.
     */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /**
     * A Kafka cluster: its nodes, asked of the cluster by an admin client made on first use and
     * kept for the life of the process (its thread is a daemon).
     */
    public static ServerCheck kafka(String bootstrap, Duration timeout, Duration cacheFor) {
        KafkaPing ping = new KafkaPing(bootstrap, timeout);
        return new ServerCheck(ping::ping, timeout, cacheFor, Time.SYSTEM, PROBES);
    }

    /** An InfluxDB: its {@code /ping}; the version is the detail when it answers. */
    public static ServerCheck influx(InfluxEndpoint endpoint, Duration timeout, Duration cacheFor) {
        InfluxDB influx = endpoint.connect();
        return new ServerCheck(() -> {
            Pong pong = influx.ping();
            if (!pong.isGood()) {
                throw new IllegalStateException("ping answered " + pong);
            }
            return pong.getVersion();
        }, timeout, cacheFor, Time.SYSTEM, PROBES);
    }

    private static final class KafkaPing {
        private final String bootstrap;
        private final int timeoutMs;
        private Admin admin;

        KafkaPing(String bootstrap, Duration timeout) {
            this.bootstrap = bootstrap;
            this.timeoutMs = (int) timeout.toMillis();
        }

        String ping() throws Exception {
            if (admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get().isEmpty()) {
                throw new IllegalStateException("the cluster has no node");
            }
            return "";
        }

        private synchronized Admin admin() {
            if (admin == null) {
                Properties p = new Properties();
                p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                p.put(AdminClientConfig.CLIENT_ID_CONFIG, "acumat-health");
                p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
                p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
                p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
                admin = Admin.create(p);
            }
            return admin;
        }
    }
}
