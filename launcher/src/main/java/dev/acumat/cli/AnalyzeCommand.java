package dev.acumat.cli;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.offline.RecordingAnalysis;
import dev.acumat.analytics.offline.RecordingCheck;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatKind;
import dev.acumat.simulator.ReplayFile;
import dev.acumat.simulator.ReplayFormatException;
import dev.acumat.simulator.ReplayHeader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code acumat analyze}: the analytics on a recording, offline. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the analytics on a recording (the replay format of simulate --replay) without Kafka or"
                + " InfluxDB, and print a line per frame (contact, lower-back coverage, posture) and a line per"
                + " session start, session end and posture shift. Several files are one recording, one after the"
                + " other. The researchers' way in.",
                "A file holds a frame per line, or a frame as --rows lines of --cols values (PhysioNet PMD"
                + " experiment II); plain or gzip-compressed. --rows, --cols and --pitch-mm are needed unless the"
                + " first file starts with an acumat-replay header (./acumat export writes one), which gives rows,"
                + " cols, pitch, rate, calibration and cell order."})
final class AnalyzeCommand extends Subcommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings: one frame per line (or per --rows"
            + " lines), row-major.")
    List<Path> files;

    @CommandLine.Mixin
    GridOptions grid;

    @Option(names = "--hz", paramLabel = "F",
            description = "Frame rate of the recording. Default: the header's, else 1 (the PhysioNet PMD rate).")
    Double hz;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "jsonl",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--mat-id", paramLabel = "ID",
            description = "The mat id in session ids. Default: the header's mat, else recording.")
    String matId;

    @CommandLine.Mixin
    CellOrderOptions cellOrder;

    @CommandLine.Mixin
    PostureModelOption postureModel;

    @Option(names = "--layout", paramLabel = "full-body|torso|lumbar-pad",
            description = "What kind of mat made the recording: its posture model then goes by this instead of its"
                    + " size; on a lumbar-pad the whole pad is the lower back and no posture is asked.")
    String layout;

    @Override
    public Integer call() throws Exception {
        checkFile(files.get(0));
        // The header is only taken whole: a geometry given on the command line is a plain recording's.
        ReplayHeader header = grid.given() ? null : header(files.get(0));
        if (header == null && grid.missing() != null) {
            throw usage("a recording without an acumat-replay header needs " + grid.missing());
        }
        int rows = header != null ? header.rows() : grid.rows;
        int cols = header != null ? header.cols() : grid.cols;
        double rate = hz != null ? hz : header != null ? header.hz() : 1;
        String id = matId != null ? matId
                : header != null && header.matId() != null ? header.matId() : "recording";
        PitchOption.Pitch pitch;
        PostureModel model;
        MatKind kind;
        RecordingAnalysis.Format fmt;
        try {
            GridOptions.checkSize(rows, cols);
            pitch = header != null ? null : grid.pitch.value();
            model = postureModel.model();
            kind = layout == null || layout.isBlank() ? MatKind.NOT_STATED : parseLayout(layout);
            OptionChecks.hz(rate);
            fmt = format(format);
            OptionChecks.matId(id);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        CellOrder order = cellOrder.orderOf(header);
        int maxValue = 0;
        for (Path f : files) {
            checkFile(f);
            // A ragged line or a binary file anywhere is one clear error before any output.
            maxValue = Math.max(maxValue, ReplayFile.check(f, rows, cols, order).maxValue());
        }
        // The analytics see the canonical mat: rows and columns (and their pitches) swapped under a transpose.
        PitchOption.Pitch canonicalPitch = pitch == null ? null : order.transpose() ? pitch.transposed() : pitch;
        MatSpec mat = header != null ? MatSpec.of(order.canonical(header.deviceInfo(id)))
                : MatSpec.raw(id, order.outRows(rows, cols), order.outCols(rows, cols), canonicalPitch.rowMm(),
                        canonicalPitch.colMm(), maxValue <= 4095 ? 12 : 16);
        if (kind == MatKind.NOT_STATED) {
            PostureModelOption.warnOnLayout(model, mat, spec.qualifiedName(), spec.commandLine().getErr());
        } else if (model != null && kind == MatKind.LUMBAR_PAD) {
            warn(spec.commandLine().getErr(), PostureModelOption.NAME + " is not used: a lumbar pad is asked no posture");
        } else if (model != null && model.layout() != PostureModel.Layout.of(mat, kind)) {
            warn(spec.commandLine().getErr(), PostureModelOption.NAME + " is a " + model.layout().label()
                    + " model, --layout says " + kind + "; using it anyway");
        }
        long originMicros = header != null && header.firstMs() != null ? header.firstMs() * 1000 : 0;
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                1 << 16));
        // A geometry typed on the command line may be wrong in ways every parser accepts.
        RecordingCheck check = header != null ? null : new RecordingCheck(mat, "--rows " + rows + " --cols " + cols
                + (order.transpose() ? " (read with --transpose)" : ""));
        PrintWriter err = spec.commandLine().getErr();
        if (check != null) {
            RecordingCheck.sizeWarnings(mat, PitchOption.NAME).forEach(w -> warn(err, w));
        }
        new RecordingAnalysis(mat, order, rate, originMicros, fmt, out).withModel(model).withKind(kind).checking(check)
                .run(files);
        if (check != null) {
            check.warnings().forEach(w -> warn(err, w));
        }
        return out.checkError() ? 1 : 0;
    }

    private static MatKind parseLayout(String layout) {
        try {
            return MatKind.parse(layout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--layout: " + e.getMessage(), e);
        }
    }

    private static RecordingAnalysis.Format format(String format) {
        try {
            return RecordingAnalysis.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be jsonl or csv, got " + format, e);
        }
    }

    private void warn(PrintWriter err, String warning) {
        err.println(spec.qualifiedName() + ": warning: " + warning);
        err.flush();
    }

    private void checkFile(Path f) {
        String problem = OptionChecks.fileProblem(f, "recording");
        if (problem != null) {
            throw usage(problem);
        }
    }

    private ReplayHeader header(Path file) throws java.io.IOException {
        try {
            return ReplayHeader.read(file).orElse(null);
        } catch (ReplayFormatException e) {
            throw usage(e.getMessage());
        }
    }
}
