package dev.acumat.analytics.influx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the sink's points to InfluxDB synchronously: {@link #write} returns only once InfluxDB has
 * acknowledged every request (HTTP 2xx; 1.x answers 204 after the points are in its WAL), so a
 * Kafka consumer can commit its offsets right after it and lose nothing.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li>No answer (refused, reset, timeout), 5xx, 408 or 429: retried with the
 *       {@link RetryPolicy}'s capped exponential backoff, for up to its {@code giveUpAfter} per
 *       request; then an {@link InfluxWriteException} with {@code isTransient()}. Retrying is safe
 *       because a point is keyed by measurement, mat and frame time: a request that InfluxDB did
 *       store before the connection broke only overwrites the same points again.</li>
 *   <li>400 (a bad point, a field of another type than before, a point older than the retention
 *       policy keeps: 30 days on {@code raw}, so times must be real epoch times): InfluxDB 1.x has already stored the request's good points and dropped the bad
 *       ones, so retrying could never succeed. It is logged (InfluxDB's first error), counted in
 *       {@link Stats#rejectedRequests()} and {@link WriteResult#rejectedRequests()}, and
 *       {@code write} returns normally: one poison point must not stall the pipeline.</li>
 *   <li>413 (request too large): the request is split in halves, down to single points.</li>
 *   <li>401, 403, 404 and other 4xx, and 1.x's 500 "retention policy not found": an
 *       {@link InfluxWriteException} at once, not transient; retrying cannot fix credentials or a
 *       missing database, and dropping would lose data. A caller that keeps trying should pause.</li>
 * </ul>
 *
 * <h2>Retention policies</h2>
 * Every point goes to the database's default retention policy; sessions and posture shifts also
 * go to {@link Options#longPolicy()} ({@code rollup}; see {@link InfluxSetup}), a second request.
 *
 * <p>Instances are thread-safe; each {@code write} sends its requests one after another.
 */
public final class InfluxWriter {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);
    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");
    private static final int MAX_LOGGED_ERROR = 300;

    private final InfluxEndpoint endpoint;
    private final Options options;
    private final LineProtocolPost post;
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rejectedRequests = new AtomicLong();
    private final AtomicLong droppedPoints = new AtomicLong();
    private final AtomicLong emptyRecords = new AtomicLong();

    public InfluxWriter(InfluxEndpoint endpoint, Options options) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.options = Objects.requireNonNull(options, "options");
        this.post = new LineProtocolPost(endpoint, options.requestTimeout(), options.gzip());
    }

    /**
     * Writes the records' points and returns once InfluxDB has acknowledged all of them (see the
     * class comment for what a 400 means). Records without any field value are skipped and counted.
     *
     * @throws InfluxWriteException when InfluxDB did not acknowledge: do not commit; the points of
     *     earlier requests of this call may be stored, and writing them again is harmless
     * @throws InterruptedException when interrupted while waiting to retry or for an answer
     */
    public WriteResult write(Collection<? extends SinkPoint> records) throws InterruptedException {
        List<SinkPoint> kept = new ArrayList<>();
        if (options.longPolicy() != null) {
            for (SinkPoint record : records) {
                if (InfluxSchema.keptLong(record)) {
                    kept.add(record);
                }
            }
        }
        Tally tally = new Tally();
        writeRecords(null, new ArrayList<>(records), tally);
        int emptyInAll = tally.empty;
        writeRecords(options.longPolicy(), kept, tally);
        emptyRecords.addAndGet(emptyInAll);
        return new WriteResult(tally.points, emptyInAll, tally.requests, tally.retries, tally.rejected);
    }

    private void writeRecords(String retentionPolicy, List<SinkPoint> records, Tally tally)
            throws InterruptedException {
        for (int from = 0; from < records.size(); from += options.maxPointsPerRequest()) {
            List<SinkPoint> chunk = records.subList(from, Math.min(records.size(), from + options.maxPointsPerRequest()));
            sendChunk(retentionPolicy, chunk, tally);
        }
    }

    private void sendChunk(String retentionPolicy, List<SinkPoint> chunk, Tally tally) throws InterruptedException {
        StringBuilder text = new StringBuilder(chunk.size() * 256);
        int lines = 0;
        for (SinkPoint record : chunk) {
            if (LineProtocol.append(text, record)) {
                lines++;
            } else {
                tally.empty++;
            }
        }
        if (lines == 0) {
            return;
        }
        byte[] body = post.body(text.toString().getBytes(StandardCharsets.UTF_8));
        LineProtocolPost.Reply reply = sendWithRetries(retentionPolicy, body, tally);
        if (reply.status() == 413 && chunk.size() > 1) {
            int half = chunk.size() / 2;
            tally.empty -= chunk.size() - lines; // counted again by the halves
            sendChunk(retentionPolicy, chunk.subList(0, half), tally);
            sendChunk(retentionPolicy, chunk.subList(half, chunk.size()), tally);
            return;
        }
        if (reply.ok()) {
            tally.points += lines;
            points.addAndGet(lines);
            return;
        }
        if (reply.status() == 400) {
            tally.rejected++;
            long rejected = rejectedRequests.incrementAndGet();
            Matcher dropped = DROPPED.matcher(reply.body());
            long n = dropped.find() ? Long.parseLong(dropped.group(1)) : 0;
            droppedPoints.addAndGet(n);
            tally.points += (int) Math.max(0, lines - n);
            points.addAndGet(Math.max(0, lines - n));
            // The first ten, then every thousandth: a stream of stale points must not flood the log.
            if (rejected <= 10 || rejected % 1000 == 0) {
                LOG.warn("InfluxDB at {} refused points of a request of {} (HTTP 400, not retried; its good points"
                        + " are stored; {} such requests so far): {}", endpoint.url(), lines, rejected,
                        shorten(reply.body()));
            }
            return;
        }
        throw InfluxWriteException.refused(endpoint, reply.status(), shorten(reply.body()));
    }

    /**
     * Sends until InfluxDB gives an answer that retrying cannot change (2xx, 4xx except 408/429),
     * or the retry period is over.
     */
    private LineProtocolPost.Reply sendWithRetries(String retentionPolicy, byte[] body, Tally tally)
            throws InterruptedException {
        RetryPolicy retry = options.retry();
        Instant started = retry.time().instant();
        for (int attempt = 0; ; attempt++) {
            String failure;
            int status = 0;
            IOException cause = null;
            try {
                tally.requests++;
                requests.incrementAndGet();
                LineProtocolPost.Reply reply = post.send(retentionPolicy, body);
                status = reply.status();
                if (!isTransient(status) || reply.body().contains(InfluxWriteException.MISSING_POLICY)) {
                    if (attempt > 0) {
                        LOG.info("InfluxDB at {} answers again (HTTP {}) after {} retries", endpoint.url(), status, attempt);
                    }
                    return reply;
                }
                failure = "HTTP " + status + " " + shorten(reply.body());
            } catch (IOException e) {
                cause = e;
                failure = "no answer: " + e;
            }
            Duration wait = retry.backoff(attempt + 1);
            Duration failingFor = Duration.between(started, retry.time().instant());
            if (failingFor.plus(wait).compareTo(retry.giveUpAfter()) > 0) {
                throw new InfluxWriteException("InfluxDB at " + endpoint.url() + " did not take the write for "
                        + failingFor.toSeconds() + " s (" + (attempt + 1) + " attempts; last: " + failure + ")",
                        true, status, cause);
            }
            if (attempt == 0) {
                LOG.warn("InfluxDB at {} did not take a write ({}); retrying for up to {} s",
                        endpoint.url(), failure, retry.giveUpAfter().toSeconds());
            } else {
                LOG.debug("InfluxDB at {} still failing ({}), retry {} in {} ms", endpoint.url(), failure,
                        attempt + 1, wait.toMillis());
            }
            tally.retries++;
            retries.incrementAndGet();
            retry.time().sleep(wait);
        }
    }

    private static boolean isTransient(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    static String shorten(String text) {
        return text.length() <= MAX_LOGGED_ERROR ? text : text.substring(0, MAX_LOGGED_ERROR) + "...";
    }

    /** Counters since this writer was made. */
    public Stats stats() {
        return new Stats(points.get(), requests.get(), retries.get(), rejectedRequests.get(), droppedPoints.get(),
                emptyRecords.get());
    }

    public InfluxEndpoint endpoint() {
        return endpoint;
    }

    /** What one {@link #write} did. */
    public record WriteResult(int points, int emptyRecords, int requests, int retries, int rejectedRequests) {
    }

    /**
     * Counters: points acknowledged (less those InfluxDB said it dropped), requests sent (retries
     * included), retries, requests refused with 400, points InfluxDB said it dropped
     * ({@code dropped=N} in its answer; a line it could not parse is not counted there), and
     * records skipped because none of their fields had a value.
     */
    public record Stats(long points, long requests, long retries, long rejectedRequests, long droppedPoints,
                        long emptyRecords) {
    }

    /**
     * How to write.
     *
     * @param retry backoff and give-up period while InfluxDB is down or failing
     * @param requestTimeout bound on one request's answer
     * @param maxPointsPerRequest bigger batches are sent in requests of this many points
     *     (InfluxDB's advice: 5,000 to 10,000)
     * @param gzip compress request bodies
     * @param longPolicy the retention policy sessions and shifts are also written to; null to
     *     write them only to the default one (InfluxDB 3.x, which has no retention policies)
     */
    public record Options(RetryPolicy retry, Duration requestTimeout, int maxPointsPerRequest, boolean gzip,
                          String longPolicy) {
        public Options {
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (maxPointsPerRequest < 1) {
                throw new IllegalArgumentException("maxPointsPerRequest must be positive: " + maxPointsPerRequest);
            }
        }

        /** Default retries, 30 s per request, 5,000 points per request, gzip, {@code rollup}. */
        public static Options defaults() {
            return new Options(RetryPolicy.defaults(), Duration.ofSeconds(30), 5000, true, InfluxSetup.ROLLUP_POLICY);
        }

        /**
         * {@link #defaults()}, with gzip only where it saves network: for an InfluxDB on this
         * machine (loopback) compressing and decompressing only take CPU from the same cores
         * that run influxd (the sink reaches 0.9 of a raw POST without it, about 0.8 with it).
         */
        public static Options forEndpoint(InfluxEndpoint endpoint) {
            return defaults().withGzip(!endpoint.isLoopback());
        }

        public Options withRetry(RetryPolicy retry) {
            return new Options(retry, requestTimeout, maxPointsPerRequest, gzip, longPolicy);
        }

        public Options withGzip(boolean gzip) {
            return new Options(retry, requestTimeout, maxPointsPerRequest, gzip, longPolicy);
        }

        public Options withLongPolicy(String longPolicy) {
            return new Options(retry, requestTimeout, maxPointsPerRequest, gzip, longPolicy);
        }

        public Options withMaxPointsPerRequest(int maxPointsPerRequest) {
            return new Options(retry, requestTimeout, maxPointsPerRequest, gzip, longPolicy);
        }
    }

    /** Per-call counts. */
    private static final class Tally {
        int points;
        int empty;
        int requests;
        int retries;
        int rejected;
    }
}
