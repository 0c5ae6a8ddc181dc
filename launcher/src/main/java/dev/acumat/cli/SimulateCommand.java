package dev.acumat.cli;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.simulator.FilePortLink;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.MatSimulator;
import dev.acumat.simulator.NoisyPortLink;
import dev.acumat.simulator.PortLink;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.TruthWriter;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code acumat simulate}: a firmware stand-in writing real protocol bytes to a serial device, a pty or stdout. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write protocol frames to a serial device, a pty, or standard output (--port -), paced at"
                + " the frame rate, like a mat's firmware would.",
                "Plays a built-in scenario (default: session) or replays a recording."})
final class SimulateCommand extends Subcommand {
    @Option(names = "--port", paramLabel = "PATH",
            description = "Serial device or pty to write to, or - for standard output.")
    String port;

    @CommandLine.Mixin
    PlayOptions play;

    @Option(names = "--mat-id", paramLabel = "ID", defaultValue = "mat-sim-1",
            description = "The id the mat announces (1..64 of A-Z a-z 0-9 . _ : -). Default: ${DEFAULT-VALUE}.")
    String matId;

    @Option(names = "--baud", paramLabel = "B", defaultValue = "0",
            description = "Emulate the wire rate of this baud setting (8N1): frames that do not fit are skipped,"
                    + " as firmware would. 0 (default) for no limit.")
    long baud;

    @Option(names = "--mat-layout", paramLabel = "full-body|torso|lumbar-pad",
            description = "Send a mat_layout message of this kind after each device-info, as firmware that states its"
                    + " layout does. lumbar-pad also puts a scenario on a 16 x 16 pad at 25 mm under the lower back"
                    + " (unless --rows, --cols and --pitch-mm give another grid).")
    String matLayout;

    @Option(names = "--loop", negatable = true, fallbackValue = "true",
            description = "Start again at the end (default: play once). Not for a recording streamed from standard"
                    + " input or a FIFO.")
    boolean loop;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "Write the scenario's ground truth beside it (JSON lines: on-mat intervals, postures, shifts).")
    Path truth;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "Play X times faster than real time; 0 as fast as the port takes it. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--garbage-rate", paramLabel = "P", defaultValue = "0",
            description = "Test a receiver: with this probability per message, a burst of random bytes before it.")
    double garbageRate;

    @Option(names = "--byte-error-rate", paramLabel = "P", defaultValue = "0",
            description = "Test a receiver: with this probability per byte, flip a bit (those frames fail their CRC).")
    double byteErrorRate;

    @Option(names = "--text",
            description = "Be a mat that prints text: each frame a line of comma-separated counts, row-major, no"
                    + " device-info (read it with gateway --input csv --rows R --cols C --pitch-mm P).")
    boolean text;

    @Override
    public Integer call() throws Exception {
        validate();
        double rate = play.rate();
        MatKind kind = matLayout == null || matLayout.isBlank() ? null : MatKind.parse(matLayout);
        FrameSource source = play.source(kind == MatKind.LUMBAR_PAD ? MatGeometry.LUMBAR_PAD : MatGeometry.ACUPRESSURE);
        boolean stdout = port.equals("-");
        PortLink.Opener line = stdout ? FilePortLink::stdout : () -> FilePortLink.open(Path.of(port));
        PortLink.Opener opener = garbageRate == 0 && byteErrorRate == 0 ? line
                : () -> new NoisyPortLink(line.open(), garbageRate, byteErrorRate, play.seed);
        if (!stdout) {
            openOnce(Path.of(port));
        }
        MatSimulator.Options options = new MatSimulator.Options(matId, rate, speed, baud, loop, !stdout, text);
        TruthWriter truthWriter = truth == null ? null
                : new TruthWriter(Files.newBufferedWriter(truth, StandardCharsets.UTF_8));
        Thread flushTruth = new Thread(() -> closeQuietly(truthWriter));
        Runtime.getRuntime().addShutdownHook(flushTruth);
        long started = System.nanoTime();
        MatSimulator simulator = new MatSimulator(source, options, opener, Time.SYSTEM,
                truthWriter == null ? null : truthWriter::record, kind == null ? null : MatLayout.of(CellOrder.NONE, kind));
        // Ctrl-C or SIGTERM ends the run: say what was sent, so a test or a user knows where it stopped.
        Thread summaryOnSignal = new Thread(() -> summarize(simulator.result(), started));
        Runtime.getRuntime().addShutdownHook(summaryOnSignal);
        try (source) {
            simulator.run();
        } catch (MatSimulator.PortClosedException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": standard output closed after "
                    + e.framesSent() + " frames");
            return 0;
        } finally {
            closeQuietly(truthWriter);
            Runtime.getRuntime().removeShutdownHook(flushTruth);
            Runtime.getRuntime().removeShutdownHook(summaryOnSignal);
        }
        summarize(simulator.result(), started);
        return 0;
    }

    private void summarize(MatSimulator.Result result, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        spec.commandLine().getErr().println(String.format(Locale.ROOT,
                "%s: sent %d frames in %.1f s, last sequence %d (%d skipped for the wire rate, %d lost while the"
                        + " port was away, %d reopens, %d info requests answered)",
                spec.qualifiedName(), result.framesSent(), seconds, result.lastSequence(), result.framesSkipped(),
                result.framesLost(), result.reopens(), result.infoRequests()));
        spec.commandLine().getErr().flush();
    }

    private void validate() {
        if (port == null || port.isBlank()) {
            throw usage("missing --port PATH (or ACUMAT_PORT); use --port - for standard output");
        }
        play.validate(this::usage);
        if (loop && play.streamed()) {
            throw usage("--loop needs a recording in a file: a stream (standard input, a FIFO) plays once");
        }
        if (matLayout != null && !matLayout.isBlank()) {
            try {
                MatKind.parse(matLayout);
            } catch (IllegalArgumentException e) {
                throw usage("--mat-layout: " + e.getMessage());
            }
        }
        if (play.replay != null && truth != null) {
            throw usage("--truth needs a --scenario: a recording carries no ground truth");
        }
        try {
            OptionChecks.matId(matId);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (baud < 0 || baud > 100_000_000) {
            throw usage("--baud must be 0..100000000, got " + baud);
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw usage("--speed must be >= 0, got " + speed);
        }
        if (!(garbageRate >= 0 && garbageRate <= 1) || !(byteErrorRate >= 0 && byteErrorRate <= 1)) {
            throw usage("--garbage-rate and --byte-error-rate must be in 0..1, got " + garbageRate + " and "
                    + byteErrorRate);
        }
    }

    /**
     * Opens the port once before anything else, so a wrong path is one clear line; puts a real
     * serial device into raw mode (a pty made by socat with raw,echo=0 already is).
     */
    private void openOnce(Path path) throws IOException, InterruptedException {
        try (PortLink ignored = FilePortLink.open(path)) {
            // Opened and closed: the path exists and we may write it.
        } catch (IOException e) {
            throw new IOException("cannot open port " + path + ": " + Acumat.describe(e), e);
        }
        Path real = path.toRealPath();
        if (!real.startsWith("/dev/pts/") && real.startsWith("/dev/")) {
            Process stty = new ProcessBuilder("stty", "-F", real.toString(), "raw", "-echo")
                    .redirectErrorStream(true).start();
            if (!stty.waitFor(5, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroy();
                spec.commandLine().getErr().println(spec.qualifiedName() + ": warning: could not put " + real
                        + " in raw mode with stty; bytes may be altered by the line discipline");
            }
        }
    }

    private static void closeQuietly(java.io.Closeable w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // Best effort at exit: the truth file is a by-product.
            }
        }
    }
}
