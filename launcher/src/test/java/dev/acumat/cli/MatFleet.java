package dev.acumat.cli;

import dev.acumat.contract.Topics;
import dev.acumat.gateway.Backoff;
import dev.acumat.gateway.FrameIntake;
import dev.acumat.gateway.kafka.KafkaConnection;
import dev.acumat.gateway.kafka.KafkaSender;
import dev.acumat.gateway.spool.FsyncPolicy;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Many simulated mats, each through a gateway's own delivery path, in one JVM: per mat a real
 * {@link Spool} in a directory of its own, the {@link FrameIntake} that names, stamps and spools
 * its frames, and a {@link KafkaSender} thread with its own idempotent producer, reconnects and
 * duplicate check after a reconnect, exactly as {@code acumat gateway} runs them. Only the serial
 * port is left out: one pacing thread hands each mat's messages to its intake the way the serial
 * reader does once it has decoded them (a device-info first and every 5 s, then a frame every
 * 40 ms with the mat's sequence number and device time). A hundred gateways through a hundred
 * ptys would not fit on two cores; this does.
 *
 * <p>The spools force their appends every {@link #FSYNC_INTERVAL} (the gateway's default is
 * 1 s): 100 spools forcing every second are 100 fdatasyncs a second on a disk shared with a
 * broker and an influxd, and forcing guards only against a power cut, which a soak does not
 * make. A process crash loses nothing under any policy (SPOOL.md).
 */
final class MatFleet implements AutoCloseable {
    static final double HZ = 25;
    static final long FRAME_MICROS = Math.round(1_000_000 / HZ);
    /** A mat announces itself every 5 s (the simulator's rhythm). */
    static final int DEVICE_INFO_EVERY = (int) Math.round(5 * HZ);
    static final Duration FSYNC_INTERVAL = Duration.ofSeconds(5);
    /** 512 MiB each: hours of a mat's frames, so no outage of a soak fills a spool. */
    static final SpoolConfig SPOOL = new SpoolConfig(512L << 20, 16L << 20, FsyncPolicy.INTERVAL, FSYNC_INTERVAL);
    /** Partitions of acumat.frames (the gateway's default) and acumat.device-health. */
    static final Map<String, Integer> PARTITIONS = Map.of(Topics.FRAMES, Topics.DEFAULT_FRAMES_PARTITIONS, Topics.DEVICE_HEALTH, Topics.OTHER_PARTITIONS);
    /** The gateway's window of bytes in flight. */
    private static final long WINDOW_BYTES = 16L * 1024 * 1024;

    /** One mat and its gateway. */
    static final class Mat {
        final String id;
        final Spool spool;
        final FrameIntake intake;
        final KafkaSender sender;
        final Thread senderThread;
        final ScenarioLoop loop;
        final DeviceInfo info;
        final long phase;
        /** Frames handed to the intake (sequence numbers 0 to sent - 1); pacing thread only until stopped. */
        volatile long sent;

        Mat(String id, Path dir, String bootstrap, ScenarioLoop loop, long phase) throws IOException {
            this.id = id;
            this.loop = loop;
            this.info = loop.infoOf(id);
            this.phase = phase;
            this.spool = Spool.open(dir, SPOOL, Time.SYSTEM);
            this.intake = new FrameIntake(spool, null, Time.SYSTEM);
            String gatewayId = UUID.randomUUID().toString();
            this.sender = new KafkaSender(spool, () -> new KafkaConnection(bootstrap, "soak-gateway-" + id, gatewayId,
                    PARTITIONS), gatewayId, WINDOW_BYTES, Time.SYSTEM,
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)));
            this.senderThread = new Thread(sender, "kafka-sender " + id);
        }

        /** The mat's messages up to frame {@code due} (exclusive). */
        void sendUpTo(long due) {
            for (long seq = sent; seq < due; seq++) {
                if (seq % DEVICE_INFO_EVERY == 0) {
                    intake.onMessage(info);
                }
                intake.onMessage(new PressureFrame(seq, seq * FRAME_MICROS, info.rows(), info.cols(),
                        loop.frame(phase + seq)));
                sent = seq + 1;
            }
        }
    }

    private final List<Mat> mats;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mat-fleet pacer");
        t.setDaemon(true);
        return t;
    });
    private long startNanos;
    private volatile boolean stopped;

    private MatFleet(List<Mat> mats) {
        this.mats = mats;
    }

    /**
     * {@code count} mats named {@code soak-001}..., each playing one of {@code loops} (round robin)
     * from a point of its own chosen by {@code seed}, with spools under {@code dir}. Senders start
     * at once; frames start with {@link #start()}.
     */
    static MatFleet open(Path dir, String bootstrap, int count, List<ScenarioLoop> loops, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Mat> mats = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String id = String.format("soak-%03d", i + 1);
                ScenarioLoop loop = loops.get(i % loops.size());
                mats.add(new Mat(id, dir.resolve(id), bootstrap, loop, random.nextInt(loop.frames().size())));
            }
        } catch (IOException | RuntimeException e) {
            for (Mat m : mats) {
                m.spool.close();
            }
            throw e;
        }
        mats.forEach(m -> m.senderThread.start());
        return new MatFleet(List.copyOf(mats));
    }

    List<Mat> mats() {
        return mats;
    }

    /** The mats start sending, 25 frames a second each, catching up after any stall of this JVM. */
    void start() {
        startNanos = System.nanoTime();
        pacer.scheduleAtFixedRate(this::tick, 0, FRAME_MICROS, TimeUnit.MICROSECONDS);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long due = (System.nanoTime() - startNanos) / (FRAME_MICROS * 1000) + 1;
        for (Mat m : mats) {
            m.sendUpTo(due);
        }
    }

    /** The mats stop sending; returns when the last tick has ended, so {@link Mat#sent} is final. */
    void stopMats() throws InterruptedException {
        stopped = true;
        pacer.shutdown();
        if (!pacer.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the mats' pacing thread did not stop");
        }
    }

    /** Records in every spool that Kafka has not acknowledged yet. */
    long pending() {
        long n = 0;
        for (Mat m : mats) {
            n += m.spool.pendingEntries();
        }
        return n;
    }

    /** Frames handed to the intakes. */
    long sent() {
        long n = 0;
        for (Mat m : mats) {
            n += m.sent;
        }
        return n;
    }

    /** Records the senders skipped after a reconnect as already in Kafka (the duplicate check at work). */
    long skippedAsDuplicates() {
        long n = 0;
        for (Mat m : mats) {
            n += m.sender.skippedAsDuplicates();
        }
        return n;
    }

    /** Waits until Kafka has acknowledged every spooled record of every mat; false at the deadline. */
    boolean drain(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Mat m : mats) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !m.sender.drain(left)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stopped = true;
        pacer.shutdownNow();
        mats.forEach(m -> m.sender.stop());
        for (Mat m : mats) {
            m.senderThread.join(15_000);
            m.spool.close();
        }
    }
}
