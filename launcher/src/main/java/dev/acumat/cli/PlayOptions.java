package dev.acumat.cli;

import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.ReplayFormatException;
import dev.acumat.simulator.ReplayFrameSource;
import dev.acumat.simulator.ReplayHeader;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.SensorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What a simulated mat plays: the options simulate and demo share. */
final class PlayOptions {
    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Built-in synthetic session: ${COMPLETION-CANDIDATES}. Default: session. Played on the"
                    + " acupressure mat, 32 x 20 at 22 mm, unless --rows, --cols and --pitch-mm give another grid"
                    + " (64 x 32 at 28 mm shows a whole body).",
            completionCandidates = ScenarioNames.class)
    String scenario;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "Replay a recording: one frame per line (or per --rows lines), values separated by tabs,"
                    + " spaces or commas, row-major, plain or gzip-compressed. Needs --rows, --cols and --pitch-mm"
                    + " unless it starts with an acumat-replay header (./acumat export writes one). A recording in"
                    + " another cell order is sent in acumat's with --flip-rows, --flip-cols or --transpose."
                    + " - (standard input), a FIFO or /dev/stdin is read once as it comes: it needs --rows, --cols"
                    + " and --pitch-mm, and is not looped.")
    Path replay;

    @CommandLine.Mixin
    GridOptions grid;

    @Option(names = "--hz", paramLabel = "F",
            description = "Frame rate. Default: 25 for scenarios; for replays the header's rate, else 1 (the"
                    + " PhysioNet PMD rate).")
    Double hz;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the scenario's noise and drift. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--stuck-cells", paramLabel = "SHARE", defaultValue = "0",
            description = "Share of the scenario mat's cells stuck at a constant high reading, some at full scale,"
                    + " chosen by --seed (0..0.2, e.g. 0.01). Default: ${DEFAULT-VALUE}.")
    double stuckCells;

    @Option(names = "--topper-kpa", paramLabel = "P", defaultValue = "0",
            description = "A topper on the scenario mat, pressing P kPa on average, unevenly, even with nobody on it"
                    + " (0..2; 0.6 puts about 15 %% of the cells above 5 mmHg). Default: ${DEFAULT-VALUE}.")
    double topperKpa;

    @CommandLine.Mixin
    CellOrderOptions cellOrder;

    /** {@code --replay -}: the recording comes on standard input. */
    static final String STDIN = "-";

    /** The recording's own header, when it has one and no geometry was given. */
    private ReplayHeader header;
    /** The pitch given, once validated. */
    private PitchOption.Pitch pitch;

    /** Checks the options; {@code usage} makes the exception for a message. */
    void validate(Function<String, CommandLine.ParameterException> usage) {
        if (replay != null && scenario != null) {
            throw usage.apply("--scenario and --replay exclude each other");
        }
        boolean geometryGiven = grid.given();
        if (replay != null && !geometryGiven && !streamed() && Files.isRegularFile(replay)) {
            try {
                header = ReplayHeader.read(replay).orElse(null);
            } catch (IOException | ReplayFormatException e) {
                throw usage.apply("--replay: " + e.getMessage());
            }
        }
        if ((replay != null && header == null) || geometryGiven) {
            if (grid.missing() != null) {
                throw usage.apply((replay != null ? "--replay" : "a mat geometry") + " needs " + grid.missing()
                        + (replay != null && streamed() ? " (a stream's header is not read)"
                        : replay != null ? " (or a recording with an acumat-replay header)" : ""));
            }
            try {
                pitch = grid.check();
            } catch (IllegalArgumentException e) {
                throw usage.apply(e.getMessage());
            }
        }
        String problem = replay == null || streamed() ? null : OptionChecks.fileProblem(replay, "recording");
        if (problem != null) {
            throw usage.apply("--replay: " + problem);
        }
        if (replay == null && cellOrder.given()) {
            throw usage.apply(cellOrder.names().strip() + ": a cell order is a recording's; it needs --replay");
        }
        if (replay == null && scenario != null && !Scenarios.names().contains(scenario)) {
            throw usage.apply("--scenario: unknown scenario '" + scenario + "'; one of "
                    + String.join(", ", Scenarios.names()));
        }
        try {
            if (hz != null) {
                OptionChecks.hz(hz);
            }
        } catch (IllegalArgumentException e) {
            throw usage.apply(e.getMessage());
        }
        if (!(stuckCells >= 0 && stuckCells <= 0.2)) {
            throw usage.apply("--stuck-cells must be in 0..0.2, got " + stuckCells);
        }
        if (!(topperKpa >= 0 && topperKpa <= 2)) {
            throw usage.apply("--topper-kpa must be in 0..2, got " + topperKpa);
        }
        if (replay != null && (stuckCells > 0 || topperKpa > 0)) {
            throw usage.apply((stuckCells > 0 ? "--stuck-cells" : "--topper-kpa")
                    + " needs a --scenario: a recording's empty mat is the recorded one");
        }
    }

    /** 25 Hz for scenarios, a recording's header rate or 1 Hz for recordings, unless --hz says otherwise. */
    double rate() {
        return hz == null && header != null ? header.hz() : FrameSources.defaultHz(hz, replay);
    }

    /**
     * Whether the recording is a stream, read once as it comes: - (standard input), or a path that
     * exists and is neither a file nor a directory (a FIFO; /dev/stdin on a pipe).
     */
    boolean streamed() {
        return replay != null && (replay.toString().equals(STDIN)
                || (Files.exists(replay) && !Files.isRegularFile(replay) && !Files.isDirectory(replay)));
    }

    FrameSource source() throws IOException {
        return source(MatGeometry.ACUPRESSURE);
    }

    /** {@link #source()} with the grid a scenario has when no geometry is given. */
    FrameSource source(MatGeometry standard) throws IOException {
        if (streamed()) {
            boolean stdin = replay.toString().equals(STDIN);
            // A FileInputStream, not Files.newInputStream: the channel's available() seeks, and a FIFO cannot.
            return ReplayFrameSource.stream(stdin ? System.in : new java.io.FileInputStream(replay.toFile()),
                    stdin ? "standard input" : replay.toString(), grid.rows, grid.cols, pitch.rowMm(), pitch.colMm(),
                    rate(), cellOrder.order());
        }
        if (header != null) {
            return new ReplayFrameSource(replay, header, rate(), cellOrder.orderOf(header));
        }
        return FrameSources.of(scenario, replay, grid.rows, grid.cols, pitch, rate(), seed,
                SensorModel.DEFAULT.withStuckCells(stuckCells).withTopper(topperKpa), cellOrder.order(), standard);
    }

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Scenarios.names().iterator();
        }
    }
}
