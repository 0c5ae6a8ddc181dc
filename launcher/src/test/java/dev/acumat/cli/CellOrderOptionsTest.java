package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.simulator.FrameSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A recording's cell order on the command line ({@code --flip-rows}, {@code --flip-cols},
 * {@code --transpose}) and a mat's in the analytics ({@code --mat-order}): what they make of the
 * frames, and one line for each mistake.
 */
class CellOrderOptionsTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    /** The source simulate (or demo) would play, from its options as parsed. */
    private static FrameSource source(String command, String... args) throws IOException {
        CommandLine cl = Acumat.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = cl.parseArgs(all);
        Object c = parsed.subcommand().commandSpec().userObject();
        PlayOptions play = c instanceof SimulateCommand s ? s.play : ((DemoCommand) c).play;
        play.validate(m -> new CommandLine.ParameterException(cl, m));
        return play.source();
    }

    /** The source's first frame, in the order it sends its cells. */
    private static int[] firstFrame(FrameSource s) throws IOException {
        int[] v = new int[s.deviceInfo("m").rows() * s.deviceInfo("m").cols()];
        assertThat(s.next(v)).isTrue();
        return v;
    }

    @Test
    void simulateAndDemoSendARecordingInTheCanonicalOrder() throws IOException {
        // A 3 x 2 mat's frame written as its 3 lines: 1 2 / 3 4 / 5 6.
        Path rec = Files.writeString(dir.resolve("m.txt"), "1 2\n3 4\n5 6\n");
        try (FrameSource s = source("simulate", "--port", "-", "--replay", rec.toString(), "--rows", "3", "--cols", "2",
                "--pitch-mm", "28", "--transpose", "--flip-cols")) {
            assertThat(s.deviceInfo("m").rows()).isEqualTo(2);
            assertThat(s.deviceInfo("m").cols()).isEqualTo(3);
            assertThat(firstFrame(s)).containsExactly(5, 3, 1, 6, 4, 2);
        }
        try (FrameSource s = source("demo", "--replay", rec.toString(), "--rows", "3", "--cols", "2", "--pitch-mm",
                "28", "--flip-rows")) {
            assertThat(firstFrame(s)).containsExactly(5, 6, 3, 4, 1, 2);
        }
    }

    @Test
    void aSerpentineRecordingHasItsOddRowsTurnedBackFirst() throws IOException {
        // A 3 x 2 mat scanned back and forth: its cells 1 2 / 3 4 / 5 6 written as 1 2 / 4 3 / 5 6.
        Path rec = Files.writeString(dir.resolve("snake.txt"), "1 2\n4 3\n5 6\n");
        try (FrameSource s = source("simulate", "--port", "-", "--replay", rec.toString(), "--rows", "3", "--cols", "2",
                "--pitch-mm", "28", "--serpentine")) {
            assertThat(firstFrame(s)).containsExactly(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void aBadMatLayoutIsOneLineNamingTheSetting() throws IOException {
        Path rec = Files.writeString(dir.resolve("r.txt"), "1 2 3 4\n");
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1", "--mat-layout",
                "pad-1=lumbar-pad", "--mat-layout", "mat-2=bed")).isEqualTo(2);
        assertThat(cli.errorLine()).isEqualTo("acumat analytics: --mat-layout: mat-2: 'bed' is not a mat layout;"
                + " one of full-body, torso, lumbar-pad (see 'acumat analytics --help')");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("gateway", "--serial", "/dev/null", "--kafka", "127.0.0.1:9092", "--cell-order", "sideways"))
                .isEqualTo(2);
        assertThat(cli.errorLine()).contains("--cell-order: 'sideways' is not a cell order step");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("analyze", rec.toString(), "--rows", "2", "--cols", "2", "--pitch-mm", "25", "--layout", "bed"))
                .isEqualTo(2);
        assertThat(cli.errorLine()).contains("--layout: 'bed' is not a mat layout");
    }

    @Test
    void theHeadersOrderHoldsUnlessFlagsAreGivenWhichThenReplaceIt() throws IOException {
        Path rec = Files.writeString(dir.resolve("export.txt"), "# acumat-replay 1 rows=1 cols=3 row_pitch_mm=22"
                + " col_pitch_mm=22 hz=25 adc_bits=12 calibration= order=flip-cols\n1 2 3\n");
        try (FrameSource s = source("simulate", "--port", "-", "--replay", rec.toString())) {
            assertThat(firstFrame(s)).containsExactly(3, 2, 1);
        }
        try (FrameSource s = source("simulate", "--port", "-", "--replay", rec.toString(), "--transpose")) {
            assertThat(s.deviceInfo("m").rows()).isEqualTo(3);
            assertThat(firstFrame(s)).as("--transpose alone: the header's flip-cols is replaced").containsExactly(1, 2, 3);
        }
    }

    @Test
    void aConfigurationFileCanSayIt() throws IOException {
        Path rec = Files.writeString(dir.resolve("r.txt"), "1 2 3\n");
        Path config = Files.writeString(dir.resolve("acumat.properties"), "flip-cols = true\n");
        CommandLine cl = Acumat.commandLine();
        String[] args = ConfigFile.apply(cl, new String[] {"--config", config.toString(), "simulate", "--port", "-",
            "--replay", rec.toString(), "--rows", "1", "--cols", "3", "--pitch-mm", "10"});
        SimulateCommand sim = (SimulateCommand) cl.parseArgs(args).subcommand().commandSpec().userObject();
        sim.play.validate(m -> new CommandLine.ParameterException(cl, m));
        try (FrameSource s = sim.play.source()) {
            assertThat(firstFrame(s)).containsExactly(3, 2, 1);
        }
    }

    @Test
    void aCellOrderWithoutARecordingIsRefused() {
        assertThat(cli.run("simulate", "--port", "-", "--scenario", "still", "--flip-cols")).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat simulate: --flip-cols: a cell order is a recording's; it needs"
                + " --replay");
    }

    @Test
    void aDirectoryIsADirectory() {
        assertThat(cli.run("analyze", dir.toString(), "--rows", "2", "--cols", "2", "--pitch-mm", "28")).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analyze: is a directory, not a recording: " + dir);
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("simulate", "--port", "-", "--replay", dir.toString(), "--rows", "2", "--cols", "2",
                "--pitch-mm", "28")).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat simulate: --replay: is a directory, not a recording: " + dir);
    }

    @Test
    void aBinaryFileIsOneLineSayingItIsNoTextRecording() throws IOException {
        Path png = dir.resolve("map.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        assertThat(cli.run("analyze", png.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analyze: " + png + ": not a text recording (byte 0x89 on line 1)");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("analyze", png.toString(), "--rows", "64", "--cols", "32", "--pitch-mm", "28")).isEqualTo(1);
        assertThat(cli.errorLine()).startsWith("acumat analyze: " + png + ": not a text recording");
        cli.err.getBuffer().setLength(0);
        Path blob = dir.resolve("blob.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(blob))) {
            out.write(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0});
        }
        assertThat(cli.run("simulate", "--port", "-", "--replay", blob.toString(), "--rows", "2", "--cols", "2",
                "--pitch-mm", "28")).isEqualTo(1);
        assertThat(cli.errorLine()).startsWith("acumat simulate: " + blob + ": gzip-compressed, but not a text recording");
    }

    @Test
    void aWrongCountInAMatrixFileNamesTheLayouts() throws IOException {
        Path rec = Files.writeString(dir.resolve("pmd2.txt"), "1 2 3\n4 5 6\n", StandardCharsets.US_ASCII);
        assertThat(cli.run("analyze", rec.toString(), "--rows", "2", "--cols", "4", "--pitch-mm", "30")).isEqualTo(1);
        assertThat(cli.errorLine()).isEqualTo("acumat analyze: " + rec + " line 1: 3 values, rows x cols needs 8 (or cols,"
                + " 4, on each of 2 lines)");
    }

    @Test
    void aBadMatOrderIsOneLineNamingTheSetting() {
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1", "--mat-order",
                "mat-1=flip-cols", "--mat-order", "mat-2=mirror")).isEqualTo(2);
        assertThat(cli.errorLine()).isEqualTo("acumat analytics: --mat-order: mat-2: 'mirror' is not a cell order step;"
                + " one of none, flip-rows, flip-cols, transpose, serpentine (several as a comma list) (see 'acumat analytics"
                + " --help')");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1", "--mat-order",
                "mat-1")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--mat-order: 'mat-1' is not MAT_ID=ORDER");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("export", "--session", "mat-1.1795592005000", "--kafka", "127.0.0.1:1", "--influx",
                "http://127.0.0.1:1", "--mat-order", "mat 1=flip-cols")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--mat-order: 'mat' is not MAT_ID=ORDER");
    }

    @Test
    void theMatOrderOfAConfigurationFileIsSeveralEntriesOnALine() throws IOException {
        Path config = Files.writeString(dir.resolve("acumat.properties"),
                "mat-order = mat-1=flip-cols  mat-2=transpose,flip-rows mat-3=sideways\n");
        CommandLine cl = Acumat.commandLine();
        StringWriter e = new StringWriter();
        cl.setErr(new PrintWriter(e, true));
        int rc = cl.execute(ConfigFile.apply(cl, new String[] {"--config", config.toString(), "analytics", "--kafka",
            "127.0.0.1:9092", "--influx", "http://127.0.0.1:1"}));
        assertThat(rc).isEqualTo(2);
        assertThat(e.toString()).contains("--mat-order: mat-3: 'sideways' is not a cell order step");
    }

    @Test
    void aGridGivenTheWrongWayRoundIsAnsweredWithAWarningThatNamesTheOptions() throws IOException {
        Path plain = dir.resolve("s1.txt");
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(Path.of("..", "data", "pmd-exp1", "S1", "1.txt.gz")))) {
            Files.writeString(plain, new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")) + "\n");
        }
        assertThat(cli.run("analyze", plain.toString(), "--rows", "32", "--cols", "64", "--pitch-mm", "28")).isZero();
        assertThat(cli.errorLine()).isEqualTo("acumat analyze: warning: the frames' values repeat every 32 values, not"
                + " every 64 as the grid of 32 x 64 says: are --rows 32 --cols 64 right (a frame is read row after row)?");
        assertThat(cli.run("analyze", plain.toString(), "--rows", "64", "--cols", "32", "--pitch-mm", "28",
                "--flip-cols")).isZero();
        assertThat(cli.err.toString()).isEmpty();
    }
}
