package dev.acumat.gateway.spool;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The spool's deferred work, on one daemon thread so that neither the appender nor Kafka's
 * callback thread waits for it: forcing under {@link FsyncPolicy#INTERVAL}, persisting the
 * acknowledged offset at most once a second, deleting acknowledged segments. {@link Spool#sync()}
 * and {@link Spool#close()} run the same work at once in their caller's thread.
 *
 * <p>Times come from the spool's time, so a test advances a ManualTime and calls {@link #step()}
 * instead of waiting; the thread only decides how often to look.
 */
final class Housekeeper {
    static final long CHECKPOINT_EVERY_MILLIS = 1000;

    private final Spool spool;
    private final long periodMillis;
    private ScheduledExecutorService executor;
    /** Appended bytes not yet forced. */
    private final AtomicBoolean dirty = new AtomicBoolean();
    // The rest is guarded by this object: steps run one at a time, whichever thread runs them, so a
    // test's step and the thread's never split one piece of work between them.
    private long lastForceMillis;
    private long checkpointed;
    private long lastCheckpointMillis;
    private final AtomicReference<IOException> failure = new AtomicReference<>();

    /** @param checkpointOnDisk the offset in the checkpoint file, or a {@link Checkpoint} marker */
    Housekeeper(Spool spool, long checkpointOnDisk) {
        this.spool = spool;
        SpoolConfig config = spool.config;
        // Looking twice per period keeps the gap between two forces (or checkpoints) under 1.5 periods.
        long due = config.fsync() == FsyncPolicy.INTERVAL
                ? Math.min(config.fsyncInterval().toMillis(), CHECKPOINT_EVERY_MILLIS) : CHECKPOINT_EVERY_MILLIS;
        this.periodMillis = Math.max(1, due / 2);
        this.lastForceMillis = spool.time.currentTimeMillis();
        this.checkpointed = checkpointOnDisk;
        this.lastCheckpointMillis = lastForceMillis;
    }

    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spool-housekeeper " + spool.dir.getFileName());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread and waits for a step in progress. */
    void stop() {
        executor.shutdown();  // not shutdownNow: an interrupt would close the channel it forces
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by append, under the spool's lock. */
    void appended() {
        if (spool.config.fsync() != FsyncPolicy.ALWAYS) {
            dirty.set(true);
        }
    }

    private void tick() {
        if (spool.isClosed()) {
            return;
        }
        try {
            step();
        } catch (IOException e) {
            failure.compareAndSet(null, e);
        } catch (RuntimeException e) {  // would cancel the schedule if it escaped
            failure.compareAndSet(null, new IOException(e));
        }
    }

    /** One background step: only what is due by the clock. */
    synchronized void step() throws IOException {
        long now = spool.time.currentTimeMillis();
        if (spool.config.fsync() == FsyncPolicy.INTERVAL
                && now - lastForceMillis >= spool.config.fsyncInterval().toMillis()) {
            force(now);
        }
        checkpoint(now, false);
        spool.deleteAcknowledgedSegments();
    }

    /** Everything, now. */
    synchronized void runNow() throws IOException {
        long now = spool.time.currentTimeMillis();
        force(now);
        checkpoint(now, true);
        spool.deleteAcknowledgedSegments();
    }

    private void force(long now) throws IOException {
        if (dirty.getAndSet(false)) {
            // Anything appended after the flag was cleared sets it again, so nothing is missed.
            boolean forced;
            try {
                forced = spool.segments.active().force(spool.forcer);
            } catch (IOException e) {
                dirty.set(true);
                throw e;
            }
            if (!forced) {
                dirty.set(true);  // rolled meanwhile (the roll forced the old one): the new one next time
            }
        }
        lastForceMillis = now;
    }

    /**
     * Written before segments are deleted in the same step, so the file seldom lags the
     * deletions; recovery copes when it does (SPOOL.md, "Recovery").
     */
    private void checkpoint(long now, boolean unthrottled) throws IOException {
        long ack = spool.acknowledged.get();
        if (ack == checkpointed || !unthrottled && now - lastCheckpointMillis < CHECKPOINT_EVERY_MILLIS) {
            return;
        }
        Checkpoint.write(spool.dir, ack, spool.forcer);
        checkpointed = ack;
        lastCheckpointMillis = now;
    }

    /** Throws, once, the first failure of the background thread since the last call. */
    void rethrowFailure() throws IOException {
        IOException f = failure.getAndSet(null);
        if (f != null) {
            throw new IOException("spool " + spool.dir + ": background step failed: " + f.getMessage(), f);
        }
    }
}
