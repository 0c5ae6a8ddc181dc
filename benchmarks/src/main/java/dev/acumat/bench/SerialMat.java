package dev.acumat.bench;

import dev.acumat.simulator.FilePortLink;
import dev.acumat.simulator.MatSimulator;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One mat as a user has it: the simulator's wire code writing a 25 Hz mat in real time, paced
 * at 921,600 baud, into a socat pty, and {@code acumat gateway} (its own JVM, heap capped at
 * 64 MB) reading the other end and producing to the broker. Its frames carry the time the
 * gateway gives them, so a browser watching it measures serial frame to screen.
 */
final class SerialMat implements AutoCloseable {
    static final String MAT_ID = "serial-mat";
    private static final long BAUD = GatewayPtyHarness.BAUD;

    private final Process socat;
    private final ChildJvm gateway;
    private final MatSimulator simulator;
    private final Thread thread;

    private SerialMat(Process socat, ChildJvm gateway, MatSimulator simulator, Thread thread) {
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
            MatSimulator simulator = new MatSimulator(new CyclingFrames(SampleFrames.of("32x20", MAT_ID, 256, 17)),
                    new MatSimulator.Options(MAT_ID, 25, 1, BAUD, true, true), () -> FilePortLink.open(matSide),
                    Time.SYSTEM, (frame, device, truth) -> { });
            Thread thread = new Thread(() -> {
                try {
                    simulator.run();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-serial-mat");
            thread.setDaemon(true);
            thread.start();
            return new SerialMat(socat, gateway, simulator, thread);
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
