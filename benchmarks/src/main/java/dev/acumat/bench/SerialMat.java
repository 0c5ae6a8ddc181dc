package dev.acumat.bench;

import dev.acumat.simulator.FilePortLink;
import dev.acumat.simulator.MatSimulator;
import dev.acumat.time.RealTime;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One mat as a user has it: the simulator's wire code writing a 25 Hz mat in real time, paced
 * at 921,600 baud, into a socat pty, and {@code acumat gateway} (its own JVM, heap capped at
 * 64 MB) reading the other end and producing to the broker. It keeps the wall-clock time each
 * frame was written to the line, by sequence number, so that a browser watching the mat measures
 * serial frame to screen. (The time a frame carries is its gateway's estimate of when the mat
 * took it: anchored on the first frame read and only ever moved forward, so a late first frame
 * or a hiccup makes every later frame look early. It cannot measure a latency.)
 */
final class SerialMat implements AutoCloseable {
    static final String MAT_ID = "serial-mat";
    private static final long BAUD = GatewayPtyHarness.BAUD;

    /** Write times of the last {@link #REMEMBERED} frames, by sequence number. */
    private static final int REMEMBERED = 1 << 16;

    private final Process socat;
    private final ChildJvm gateway;
    private final MatSimulator simulator;
    private final Thread thread;
    private final WriteTimes written;

    private SerialMat(Process socat, ChildJvm gateway, MatSimulator simulator, Thread thread, WriteTimes written) {
        this.written = written;
        this.socat = socat;
        this.gateway = gateway;
        this.simulator = simulator;
        this.thread = thread;
    }

    /** Starts socat, the gateway and the mat; returns once the mat is writing. */
    static SerialMat start(String bootstrap, Path work) throws Exception {
        Path dir = work.resolve("serial-mat");
        Files.createDirectories(dir);
        Path gatewaySide = dir.resolve("ttyGateway");
        Path matSide = dir.resolve("ttyMat");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + gatewaySide,
                "pty,raw,echo=0,link=" + matSide).redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile()).start();
        ChildJvm gateway = null;
        try {
            GatewayPtyHarness.await(() -> Files.exists(gatewaySide) && Files.exists(matSide), 10, "socat's ptys");
            gateway = ChildJvm.start("serial-mat gateway", ChildJvm.options("-Xmx64m"), "dev.acumat.cli.Acumat",
                    List.of("gateway", "--serial", gatewaySide.toString(), "--kafka", bootstrap, "--spool",
                            dir.resolve("spool").toString(), "--baud", Long.toString(BAUD)),
                    dir.resolve("gateway.log"));
            // Bytes written before the gateway opens the port wait in the pty; the first frame
            // read late would anchor the mat's clock late, and every later frame would seem to
            // arrive before it was taken. A real UART drops them instead.
            ChildJvm started = gateway;
            GatewayPtyHarness.await(() -> logSays(started, "connected"), 120, "the serial mat's gateway to open its port");
            WriteTimes written = new WriteTimes();
            MatSimulator simulator = new MatSimulator(new CyclingFrames(SampleFrames.of("32x20", MAT_ID, 256, 17)),
                    new MatSimulator.Options(MAT_ID, 25, 1, BAUD, true, true), () -> FilePortLink.open(matSide),
                    written, (frame, device, truth) -> { });
            Thread thread = simulator.startThread("bench-serial-mat");
            return new SerialMat(socat, gateway, simulator, thread, written);
        } catch (Exception | Error e) {
            if (gateway != null) {
                gateway.close();
            }
            socat.destroy();
            throw e;
        }
    }

    private static boolean logSays(ChildJvm process, String text) {
        try {
            return process.output().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** When the frame with sequence number {@code seq} was written to the line (wall-clock ms), or -1 if not known. */
    long writtenMillis(long seq) {
        return written.millis(seq);
    }

    /**
     * The real clock, noting when each frame's wait ends: the simulator waits once a frame, for
     * its due time, and writes it right after, so the n-th wait's end is frame n's write.
     */
    private static final class WriteTimes implements RealTime {
        private final long[] millis = new long[REMEMBERED];
        private long frames;

        @Override
        public void sleep(java.time.Duration duration) throws InterruptedException {
            Time.SYSTEM.sleep(duration);
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            Time.SYSTEM.sleepUntil(deadline);
            synchronized (this) {
                millis[(int) (frames++ % REMEMBERED)] = Time.SYSTEM.currentTimeMillis();
            }
        }

        synchronized long millis(long seq) {
            return seq < frames && seq >= frames - REMEMBERED ? millis[(int) (seq % REMEMBERED)] : -1;
        }
    }

    /** The gateway's process, for its CPU time. */
    ChildJvm gateway() {
        return gateway;
    }

    @Override
    public void close() throws InterruptedException {
        simulator.stop();
        thread.join(10_000);
        gateway.close();
        socat.destroy();
        socat.waitFor(10, TimeUnit.SECONDS);
    }
}
