package dev.acumat.cli;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.offline.RecordingAnalysis;
import dev.acumat.protocol.WireFormat;
import dev.acumat.simulator.ReplayFile;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acumat analyze}: the analytics on a recording, offline. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the analytics on a recording (the replay format of simulate --replay) without Kafka or"
                + " InfluxDB, and print a line per frame (contact, lower-back coverage, posture) and a line per"
                + " session start, session end and posture shift. Several files are one recording, one after the"
                + " other. The researchers' way in."})
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings: one frame per line, row-major.")
    List<Path> files;

    @Option(names = "--rows", paramLabel = "R", required = true, description = "Rows of the mat (1..256), row 0 = head end.")
    int rows;

    @Option(names = "--cols", paramLabel = "C", required = true, description = "Columns of the mat (1..256).")
    int cols;

    @Option(names = "--pitch-mm", paramLabel = "P", required = true, description = "Distance between sensor centres, mm.")
    double pitchMm;

    @Option(names = "--hz", paramLabel = "F", defaultValue = "${env:ACUMAT_HZ:-1}",
            description = "Frame rate of the recording. Default: ${DEFAULT-VALUE} (the PhysioNet PMD rate).")
    double hz;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "${env:ACUMAT_FORMAT:-jsonl}",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--mat-id", paramLabel = "ID", defaultValue = "${env:ACUMAT_MAT_ID:-recording}",
            description = "The mat id in session ids. Default: ${DEFAULT-VALUE}.")
    String matId;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || rows > WireFormat.MAX_ROWS || cols < 1 || cols > WireFormat.MAX_COLS) {
            throw usage("--rows and --cols must be 1..256, got " + rows + " x " + cols);
        }
        if (!(pitchMm > 0) || pitchMm > 1000) {
            throw usage("--pitch-mm must be in (0, 1000], got " + pitchMm);
        }
        if (!(hz > 0) || hz > 10_000) {
            throw usage("--hz must be in (0, 10000], got " + hz);
        }
        RecordingAnalysis.Format fmt;
        try {
            fmt = RecordingAnalysis.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--format must be jsonl or csv, got " + format);
        }
        if (!WireFormat.isValidMatId(matId)) {
            throw usage("--mat-id must be 1..64 of A-Z a-z 0-9 . _ : -, got '" + matId + "'");
        }
        int maxValue = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw usage("no such file: " + f);
            }
            // A ragged line anywhere is one clear error before any output.
            maxValue = Math.max(maxValue, ReplayFile.check(f, rows, cols).maxValue());
        }
        MatSpec mat = MatSpec.raw(matId, rows, cols, pitchMm, maxValue <= 4095 ? 12 : 16);
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                1 << 16));
        new RecordingAnalysis(mat, hz, fmt, out).run(files);
        return out.checkError() ? 1 : 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
