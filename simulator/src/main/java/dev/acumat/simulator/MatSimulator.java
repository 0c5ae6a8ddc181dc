package dev.acumat.simulator;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.InfoRequest;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A firmware stand-in: takes frames from a {@link FrameSource}, numbers and timestamps them
 * like a mat would, and writes them as real protocol bytes to a port (or, as a text mat, as lines
 * of numbers), paced at the frame rate and, when a baud rate is set, at the wire rate.
 *
 * <p>It behaves as the protocol asks of a device: a 0x00 delimiter and the device-info at
 * start-up, the device-info again every 5 seconds and whenever the host sends an info
 * request. When the wire is still busy with the previous frame, the frame is skipped but its
 * sequence number is spent, so the host sees the gap. When the port goes away (a pty pulled),
 * frames are lost while the simulator tries to reopen it, as a mat keeps scanning while its
 * cable is out.
 */
public final class MatSimulator {
    /** Where ground truth goes, frame by frame. */
    @FunctionalInterface
    public interface TruthSink {
        void record(long frame, long deviceTimeMicros, FrameTruth truth) throws IOException;
    }

    /**
     * @param matId  the id the mat announces
     * @param hz     frames per second of device time, > 0
     * @param speed  how much faster than real time to play; 0 plays as fast as the port takes it
     * @param baud   the wire rate to emulate in bits per second (10 bits a byte), 0 for none
     * @param loop   start the source again when it ends
     * @param reopen keep trying to reopen a port that went away (a device); false ends the run
     *               instead (standard output into a closed pipe)
     * @param text   write each frame as a line of comma-separated counts, as the most common DIY
     *               firmware does, instead of the protocol: no device-info, no answers
     */
    public record Options(String matId, double hz, double speed, long baud, boolean loop, boolean reopen,
                          boolean text) {
        /** A mat that speaks the protocol. */
        public Options(String matId, double hz, double speed, long baud, boolean loop, boolean reopen) {
            this(matId, hz, speed, baud, loop, reopen, false);
        }

        public Options {
            if (!(hz > 0) || hz > 10_000) {
                throw new IllegalArgumentException("hz must be in (0, 10000]: " + hz);
            }
            if (!(speed >= 0)) {
                throw new IllegalArgumentException("speed must be >= 0: " + speed);
            }
            if (baud < 0) {
                throw new IllegalArgumentException("baud must be >= 0: " + baud);
            }
        }
    }

    /** What a run did; {@code lastSequence} is that of the last frame sent, -1 before the first. */
    public record Result(long framesSent, long framesSkipped, long framesLost, long bytesWritten, long reopens,
                         long infoRequests, long lastSequence) {
    }

    /** The port went away and the options say not to wait for it. */
    public static final class PortClosedException extends IOException {
        private final long framesSent;

        PortClosedException(long framesSent) {
            super("the output closed after " + framesSent + " frames");
            this.framesSent = framesSent;
        }

        public long framesSent() {
            return framesSent;
        }
    }

    static final long INFO_INTERVAL_MICROS = 5_000_000;
    private static final long REOPEN_INTERVAL_NANOS = 500_000_000L;

    private final FrameSource source;
    private final Options options;
    private final PortLink.Opener opener;
    private final Time time;
    private final TruthSink truth;
    private final DeviceInfo info;
    private final byte[] infoBytes;

    private final Object writeLock = new Object();
    private volatile boolean stopped;
    private PortLink link;
    private volatile long framesSent;
    private volatile long framesSkipped;
    private volatile long framesLost;
    private volatile long bytesWritten;
    private volatile long reopens;
    private volatile long lastSequence = -1;
    private final AtomicLong infoRequests = new AtomicLong();

    public MatSimulator(FrameSource source, Options options, PortLink.Opener opener, Time time, TruthSink truth) {
        this(source, options, opener, time, truth, null);
    }

    /**
     * A simulator that also states its mat's {@code layout} right after every device-info, as a
     * mat_layout message (PROTOCOL.md 4.4); null: it sends none, as older firmware.
     */
    public MatSimulator(FrameSource source, Options options, PortLink.Opener opener, Time time, TruthSink truth,
                        MatLayout layout) {
        this.source = source;
        this.options = options;
        this.opener = opener;
        this.time = time;
        this.truth = truth;
        this.info = source.deviceInfo(options.matId());
        // A text mat says nothing about itself: the gateway's options name its grid.
        byte[] infoMessage = delimited(WireEncoder.encode(info));
        this.infoBytes = options.text() ? new byte[0]
                : layout == null ? infoMessage : concat(infoMessage, delimited(WireEncoder.encode(layout)));
    }

    public DeviceInfo deviceInfo() {
        return info;
    }

    /**
     * Plays the source to its end (or forever with {@code loop}) and returns what happened.
     * The first open must succeed; later port failures are survived.
     */
    public Result run() throws IOException, InterruptedException {
        connect(opener.open());
        try {
            play();
        } finally {
            synchronized (writeLock) {
                closeQuietly();
            }
        }
        return result();
    }

    /**
     * Runs the simulator ({@link #run()}) on a daemon thread of its own, started, for a harness
     * that plays a mat beside its own work; {@link #stop()} ends it. A failed first open ends
     * the thread with that error.
     */
    public Thread startThread(String name) {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Ends the run after the current frame; from any thread. */
    public void stop() {
        stopped = true;
    }

    /** What the run has done so far; safe to call from another thread, e.g. a shutdown hook. */
    public Result result() {
        return new Result(framesSent, framesSkipped, framesLost, bytesWritten, reopens, infoRequests.get(), lastSequence);
    }

    private void play() throws IOException, InterruptedException {
        int[] values = new int[info.cells()];
        double periodMicros = 1_000_000.0 / options.hz();
        double periodNanos = options.speed() == 0 ? 0 : 1e9 / options.hz() / options.speed();
        long lastInfoMicros = 0;
        // Unpaced runs have no time line for a wire rate to act on.
        double nanosPerByte = options.baud() == 0 || options.speed() == 0 ? 0 : 10e9 / options.baud() / options.speed();
        long start = time.nanoTime();
        long wireFreeAt = start;
        long nextReopen = start;
        for (long frame = 0; !stopped; frame++) {
            if (!source.next(values)) {
                if (!options.loop() || !rewindAndNext(values)) {
                    return;
                }
            }
            long due = start + Math.round(frame * periodNanos);
            time.sleepUntil(due);
            long deviceTime = Math.round(frame * periodMicros);
            if (truth != null && source.truth() != null) {
                truth.record(frame, deviceTime, source.truth());
            }
            if (link == null) {
                if (!options.reopen()) {
                    throw new PortClosedException(framesSent);
                }
                boolean attempt = time.nanoTime() - nextReopen >= 0;
                if (!attempt || !tryReopen()) {
                    if (attempt) {
                        nextReopen = time.nanoTime() + REOPEN_INTERVAL_NANOS;
                    }
                    framesLost++;
                    continue;
                }
                wireFreeAt = time.nanoTime();
                lastInfoMicros = Math.round(frame * periodMicros);
            }
            if (nanosPerByte > 0 && wireFreeAt - due > 0) {
                framesSkipped++;
                continue;
            }
            PressureFrame pf = new PressureFrame(frame & 0xFFFF_FFFFL, deviceTime, info.rows(), info.cols(), values);
            byte[] bytes = options.text() ? textLine(values) : WireEncoder.encode(pf);
            // Due by device time, not by frame count, so skipped or lost frames never stretch the interval.
            boolean withInfo = deviceTime - lastInfoMicros >= INFO_INTERVAL_MICROS;
            byte[] wire = options.text() ? bytes : delimited(bytes);
            if (!send(withInfo ? concat(infoBytes, wire) : wire)) {
                framesLost++;
                continue;
            }
            if (withInfo) {
                lastInfoMicros = deviceTime;
            }
            lastSequence = pf.sequence();
            framesSent++;
            wireFreeAt = Math.max(due, wireFreeAt) + Math.round(bytes.length * nanosPerByte);
        }
    }

    private boolean rewindAndNext(int[] values) {
        source.rewind();
        return source.next(values);
    }

    /** A frame as a text mat prints it: the counts row-major, comma-separated, a line end. */
    private static byte[] textLine(int[] values) {
        StringBuilder line = new StringBuilder(values.length * 5);
        for (int i = 0; i < values.length; i++) {
            line.append(i > 0 ? "," : "").append(values[i]);
        }
        return line.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A delimiter before each message as well as after it: line noise just before a message then
     * ends at that delimiter instead of taking the message with it (PROTOCOL.md, framing).
     */
    private static byte[] delimited(byte[] message) {
        return concat(new byte[] {WireEncoder.DELIMITER}, message);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private boolean tryReopen() {
        try {
            connect(opener.open());
            reopens++;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void connect(PortLink opened) throws IOException {
        synchronized (writeLock) {
            link = opened;
        }
        // A fresh receiver synchronises on the first delimiter, then learns who we are.
        if (!options.text() && !send(infoBytes)) {
            throw new IOException("the port closed right after it opened");
        }
        Thread reader = new Thread(() -> answerRequests(opened), "simulator-requests");
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes one whole message run; on failure drops the link so the next frame tries to reopen. */
    private boolean send(byte[] bytes) {
        synchronized (writeLock) {
            if (link == null) {
                return false;
            }
            try {
                link.write(bytes);
                bytesWritten += bytes.length;
                return true;
            } catch (IOException | UncheckedIOException e) {
                closeQuietly();
                return false;
            }
        }
    }

    private void closeQuietly() {
        if (link != null) {
            try {
                link.close();
            } catch (IOException ignored) {
                // The port is already gone; nothing left to release.
            }
            link = null;
        }
    }

    /** Runs on its own thread per opened link: decodes what the host sends and answers info requests. */
    private void answerRequests(PortLink from) {
        StreamDecoder decoder = new StreamDecoder(0);
        byte[] buf = new byte[256];
        DecodeListener listener = new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                if (message instanceof InfoRequest) {
                    infoRequests.incrementAndGet();
                    send(infoBytes);
                }
            }

            @Override
            public void onError(DecodeError error) {
                // A host may send anything; only a valid info request gets an answer.
            }
        };
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                decoder.feed(buf, 0, n, listener);
            }
        } catch (IOException e) {
            // The port went away; the writer notices on its next frame and reopens.
        }
    }
}
