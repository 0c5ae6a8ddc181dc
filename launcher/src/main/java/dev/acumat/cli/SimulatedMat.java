package dev.acumat.cli;

import dev.acumat.servers.OwnSession;
import dev.acumat.simulator.FilePortLink;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.MatSimulator;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The demo's mat: a virtual serial pair (socat) under the data directory's {@code run/}, the
 * simulator writing to one end; the gateway reads the other, as it would a real mat's port.
 *
 * @param source what the mat plays; closed when the simulator stops
 * @param matId  the id the mat announces
 * @param hz     its frame rate
 * @param loop   whether it plays its source again at the end
 */
record SimulatedMat(FrameSource source, String matId, double hz, boolean loop) implements LocalSystem.MatLink {
    @Override
    public String open(Path dataDir, LocalSystem.Parts parts) throws Exception {
        Path run = Files.createDirectories(dataDir.resolve("run"));
        Path matEnd = run.resolve("mat");
        Path hostEnd = run.resolve("host");
        parts.keep(ptyPair(matEnd, hostEnd, dataDir.resolve("logs").resolve("socat.log")));

        MatSimulator simulator = new MatSimulator(source, new MatSimulator.Options(matId, hz, 1, 0, loop, true),
                () -> FilePortLink.open(matEnd), Time.SYSTEM, null);
        Thread mat = new Thread(() -> {
            try (source) {
                simulator.run();
            } catch (Exception e) {
                LoggerFactory.getLogger(SimulatedMat.class).error("simulated mat stopped: {}", e.toString());
            }
        }, "simulated-mat");
        mat.setDaemon(true);
        mat.start();
        parts.keep(() -> {
            simulator.stop();
            mat.join(5_000);
        });
        return hostEnd.toString();
    }

    /** A socat pty pair; returns once both ends exist. */
    private static AutoCloseable ptyPair(Path a, Path b, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
        Process socat;
        try {
            socat = new ProcessBuilder(OwnSession.command(List.of("socat", "pty,raw,echo=0,link=" + a,
                    "pty,raw,echo=0,link=" + b)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IOException("socat not found: install the Debian package socat (apt-get install socat)", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!socat.isAlive() && socat.exitValue() == 127) {  // setsid found no socat to run
                throw new IOException("socat not found: install the Debian package socat (apt-get install socat)");
            }
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                socat.destroyForcibly();
                throw new IOException("socat could not make the virtual serial pair; see " + log);
            }
            socat.waitFor(20, TimeUnit.MILLISECONDS);
        }
        return () -> {
            socat.destroy();
            if (!socat.waitFor(5, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
        };
    }
}
