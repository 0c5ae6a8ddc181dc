package dev.acumat.cli;

import dev.acumat.analytics.body.PostureModel;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.offline.RecordingAnalysis;
import dev.acumat.analytics.offline.RecordingCheck;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.WireFormat;
import dev.acumat.simulator.ReplayFile;
import dev.acumat.simulator.ReplayFormatException;
import dev.acumat.simulator.ReplayHeader;
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
                + " other. The researchers' way in.",
                "A file holds a frame per line, or a frame as --rows lines of --cols values (PhysioNet PMD"
                + " experiment II); plain or gzip-compressed."})
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings: one frame per line (or per --rows"
            + " lines), row-major.")
    List<Path> files;

    @Option(names = "--rows", paramLabel = "R", defaultValue = "${env:ACUMAT_ROWS}",
            description = "Rows of the recording as written (1..256). Needed unless the first file starts with an"
                    + " acumat-replay header (./acumat export writes one), which gives rows, cols, pitch, rate,"
                    + " calibration and cell order.")
    Integer rows;

    @Option(names = "--cols", paramLabel = "C", defaultValue = "${env:ACUMAT_COLS}",
            description = "Columns of the recording as written (1..256).")
    Integer cols;

    @CommandLine.Mixin
    PitchOption pitchOption;

    @Option(names = "--hz", paramLabel = "F", defaultValue = "${env:ACUMAT_HZ}",
            description = "Frame rate of the recording. Default: the header's, else 1 (the PhysioNet PMD rate).")
    Double hz;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "${env:ACUMAT_FORMAT:-jsonl}",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--mat-id", paramLabel = "ID", defaultValue = "${env:ACUMAT_MAT_ID}",
            description = "The mat id in session ids. Default: the header's mat, else recording.")
    String matId;

    @CommandLine.Mixin
    CellOrderOptions cellOrder;

    @CommandLine.Mixin
    PostureModelOption postureModel;

    @Option(names = "--layout", paramLabel = "full-body|torso|lumbar-pad", defaultValue = "${env:ACUMAT_LAYOUT}",
            description = "What kind of mat made the recording: its posture model then goes by this instead of its"
                    + " size; on a lumbar-pad the whole pad is the lower back and no posture is asked.")
    String layout;

    @Override
    public Integer call() throws Exception {
        checkFile(files.get(0));
        // The header is only taken whole: a geometry given on the command line is a plain recording's.
        ReplayHeader header = rows == null && cols == null && !pitchOption.given() ? header(files.get(0)) : null;
        if (header != null) {
            rows = header.rows();
            cols = header.cols();
            hz = hz != null ? hz : header.hz();
        } else {
            for (Object[] o : new Object[][] {{"--rows", rows}, {"--cols", cols}, {PitchOption.NAME, pitchOption.text}}) {
                if (o[1] == null) {
                    throw usage("a recording without an acumat-replay header needs " + o[0]);
                }
            }
        }
        hz = hz != null ? hz : 1;
        if (matId == null) {
            matId = header != null && header.matId() != null ? header.matId() : "recording";
        }
        if (rows < 1 || rows > WireFormat.MAX_ROWS || cols < 1 || cols > WireFormat.MAX_COLS) {
            throw usage("--rows and --cols must be 1..256, got " + rows + " x " + cols);
        }
        PitchOption.Pitch pitch;
        PostureModel model;
        MatKind kind;
        try {
            pitch = header != null ? null : pitchOption.value();
            model = postureModel.model();
            kind = layout == null || layout.isBlank() ? MatKind.NOT_STATED : MatKind.parse(layout);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().contains("not a mat layout")) {
                throw usage("--layout: " + e.getMessage());
            }
            throw usage(e.getMessage());
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
        CellOrder order = cellOrder.orderOf(header);
        int maxValue = 0;
        for (Path f : files) {
            checkFile(f);
            // A ragged line or a binary file anywhere is one clear error before any output.
            maxValue = Math.max(maxValue, ReplayFile.check(f, rows, cols, order).maxValue());
        }
        // The analytics see the canonical mat: rows and columns (and their pitches) swapped under a transpose.
        PitchOption.Pitch canonicalPitch = pitch == null ? null : order.transpose() ? pitch.transposed() : pitch;
        MatSpec mat = header != null ? MatSpec.of(order.canonical(header.deviceInfo(matId)))
                : MatSpec.raw(matId, order.outRows(rows, cols), order.outCols(rows, cols), canonicalPitch.rowMm(),
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
        new RecordingAnalysis(mat, order, hz, originMicros, fmt, out).withModel(model).withKind(kind).checking(check)
                .run(files);
        if (check != null) {
            check.warnings().forEach(w -> warn(err, w));
        }
        return out.checkError() ? 1 : 0;
    }

    private void warn(PrintWriter err, String warning) {
        err.println(spec.qualifiedName() + ": warning: " + warning);
        err.flush();
    }

    private void checkFile(Path f) {
        if (Files.isDirectory(f)) {
            throw usage("is a directory, not a recording: " + f);
        }
        if (!Files.isRegularFile(f)) {
            throw usage("no such file: " + f);
        }
    }

    private ReplayHeader header(Path file) throws java.io.IOException {
        try {
            return ReplayHeader.read(file).orElse(null);
        } catch (ReplayFormatException e) {
            throw usage(e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
