package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.synthetic.SensorModel;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line's promises: every command listed, one clear line for every mistake, never a stack trace. */
class AcumatCommandLineTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    @Test
    void theLoggingConfigurationIsWellFormed() throws Exception {
        try (java.io.InputStream in = Acumat.class.getResourceAsStream("/logback.xml")) {
            assertThat(in).isNotNull();
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    @Test
    void helpListsEveryCommandOfTheDesign() {
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out.toString()).contains("demo", "simulate", "gateway", "analytics", "analyze", "train-posture",
                "history");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"demo", "simulate", "gateway", "analytics", "analyze", "train-posture", "history"}) {
            assertThat(cli.run(c, "--help")).as(c).isZero();
        }
        assertThat(cli.out.toString()).contains("--replay", "--pitch-mm", "--truth", "--baud");
        // A description picocli could not format (a lone % in it) keeps its ${...} unreplaced.
        assertThat(cli.out.toString()).contains("--stuck-cells", "--topper-kpa").doesNotContain("${");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(cli.run()).isEqualTo(2);
        assertThat(cli.err.toString()).contains("acumat: a command is needed");
    }

    @Test
    void anUnknownOptionIsOneLine() {
        assertThat(cli.run("simulate", "--port", "-", "--frobnicate")).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat simulate: Unknown option: '--frobnicate'");
    }

    /**
     * A usage mistake: exit 2, and one line with each fragment after the first |. In the command
     * line, REC stands for a recording of one 2 x 2 frame and DIR for a directory of the test's.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "simulate|missing --port PATH",
        "simulate --port - --hz fast|--hz|fast",
        // named, not clamped
        "simulate --port - --hz -3|--hz must be in (0, 10000], got -3.0",
        "simulate --port - --scenario dance|unknown scenario 'dance'|session|roll",
        "simulate --port - --scenario still --rows 64 --cols 32|a mat geometry needs --pitch-mm",
        "simulate --port - --replay REC --rows 2|--replay needs --cols",
        "simulate --port - --replay nowhere.txt --rows 2 --cols 2 --pitch-mm 28|no such file: nowhere.txt",
        "simulate --port - --replay REC --rows 2 --cols 2 --pitch-mm 28 --topper-kpa 0.6|--topper-kpa needs a --scenario",
        "simulate --port - --replay REC --rows 2 --cols 2 --pitch-mm 28 --truth DIR/t.jsonl|--truth needs a --scenario",
        "gateway --serial auto --kafka localhost --spool DIR|--kafka: 'localhost' is not host:port",
        "gateway --serial auto --kafka h:1 --silence-timeout 0|--silence-timeout must be in (0, 86400] seconds, got 0.0",
        "analytics --kafka 127.0.0.1:9092|--influx: give the InfluxDB URL",
        "analyze REC --rows 2 --cols 2 --pitch-mm 28 --format xml|--format must be jsonl or csv, got xml",
        "history --influx ftp://127.0.0.1:1|--influx must be an http:// or https:// URL: ftp://127.0.0.1:1"})
    void aUsageMistakeIsOneLineNamingIt(String argsAndFragments) throws IOException {
        Path rec = Files.writeString(dir.resolve("r.txt"), "1 2 3 4\n");
        String[] parts = argsAndFragments.split("\\|");
        String[] args = parts[0].replace("REC", rec.toString()).replace("DIR", dir.toString()).split(" ");
        assertThat(cli.run(args)).as(parts[0]).isEqualTo(2);
        assertThat(cli.errorLine()).contains(java.util.Arrays.copyOfRange(parts, 1, parts.length));
    }

    @Test
    void aBadMatIdIsNamed() {
        assertThat(cli.run("simulate", "--port", "-", "--mat-id", "bad id;drop")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--mat-id");
    }

    @Test
    void aRaggedReplayNamesTheLine() throws IOException {
        Path rec = Files.writeString(dir.resolve("r.txt"), "1 2 3 4\n1 2 3\n", StandardCharsets.US_ASCII);
        assertThat(cli.run("simulate", "--port", "-", "--replay", rec.toString(), "--rows", "2", "--cols", "2",
                "--pitch-mm", "28")).isEqualTo(1);
        assertThat(cli.errorLine()).isEqualTo("acumat simulate: " + rec + " line 2: 3 values, rows x cols needs 4");
    }

    @Test
    void rowsTimesColsNotMatchingTheFileIsNamed() throws IOException {
        Path rec = Files.writeString(dir.resolve("r.txt"), "1 2 3 4 5 6\n", StandardCharsets.US_ASCII);
        assertThat(cli.run("simulate", "--port", "-", "--replay", rec.toString(), "--rows", "2", "--cols", "2",
                "--pitch-mm", "28")).isEqualTo(1);
        assertThat(cli.errorLine()).contains("line 1: more than the 4 values of rows x cols");
    }

    @Test
    void aPortThatCannotBeOpenedIsOneLine() {
        String missing = dir.resolve("no-such-tty").toString();
        assertThat(cli.run("simulate", "--port", missing, "--scenario", "empty")).isEqualTo(1);
        assertThat(cli.errorLine()).isEqualTo("acumat simulate: cannot open port " + missing + ": no such port: " + missing);
    }

    @Test
    void theGatewayNeedsKafka() {
        assertThat(cli.run("gateway", "--serial", "/dev/ttyACM0", "--spool", dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).isEqualTo("acumat gateway: --kafka: give the bootstrap servers, host:port[,host:port...]"
                + " (see 'acumat gateway --help')");
    }

    @Test
    void aTextMatsOptionsAreCheckedAtStartAndNamed() {
        String[] base = {"gateway", "--serial", "/dev/ttyACM0", "--kafka", "h:1", "--spool", dir.toString()};
        String[][] cases = {
                {"--input", "text"}, {"--input must be binary, csv or auto, got 'text'"},
                {"--input", "csv"}, {"--input csv needs --rows, --cols and --pitch-mm"},
                {"--input", "csv", "--rows", "16", "--cols", "16"}, {"--rows and --cols need --pitch-mm"},
                {"--rows", "16", "--cols", "16", "--pitch-mm", "25x"}, {"--pitch-mm must be P or RxC"},
                {"--rows", "16", "--cols", "16", "--pitch-mm", "25", "--adc-bits", "0"}, {"--adc-bits must be 1..16"},
                {"--input", "binary", "--invert"}, {"--invert is for a text mat"}};
        for (int i = 0; i < cases.length; i += 2) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                    java.util.Arrays.stream(cases[i])).toArray(String[]::new);
            assertThat(cli.run(args)).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(cli.errorLine()).startsWith("acumat gateway: ").contains(cases[i + 1][0]);
        }
    }

    @Test
    void aSpoolInUseIsOneLine() throws Exception {
        try (dev.acumat.gateway.spool.Spool held = dev.acumat.gateway.spool.Spool.open(dir,
                dev.acumat.gateway.spool.SpoolConfig.defaults(), dev.acumat.time.Time.SYSTEM)) {
            assertThat(cli.run("gateway", "--serial", "/nonexistent", "--kafka", "127.0.0.1:1", "--spool",
                    dir.toString())).isEqualTo(1);
            assertThat(cli.errorLine()).startsWith("acumat gateway: spool").contains("in use");
        }
    }

    @Test
    void aHostileDatabaseNameIsRefused() {
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1", "--db",
                "acumat\"; DROP DATABASE x")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--db must be letters, digits and underscores");
    }

    @Test
    void theWebServerOffLoopbackNeedsAToken() throws IOException {
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1", "--http",
                "0.0.0.0:0")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--http: 0.0.0.0 is not a loopback address").contains("--http-token-file");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("demo", "--http", "0.0.0.0:8080", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--http: 0.0.0.0 is not a loopback address");
    }

    @Test
    void theTokenFileMustBeTheOwnersAloneAndHoldALongToken() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1", "--http",
                "0.0.0.0:0", "--http-token-file", file.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--http-token-file: " + file).contains("chmod 600")
                .doesNotContain("0123456789abcdef");
        cli.err.getBuffer().setLength(0);
        Files.writeString(file, "short\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(cli.run("demo", "--http", "0.0.0.0:8080", "--http-token-file", file.toString(), "--data-dir",
                dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--http-token-file: the token must be 16..256 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--format xml|--format must be table, csv or json, got 'xml'",
        "--limit 0|--limit must be 1..100000, got 0",
        "--limit 100001|--limit must be 1..100000, got 100001",
        "--limit ten|Invalid value for option '--limit': 'ten' is not an int",
        "--mat bad;id|--mat: a mat id is 1..64 characters of A-Z a-z 0-9 . _ : -, got 'bad;id'",
        "--mat /.*/|--mat: a mat id is 1..64 characters of A-Z a-z 0-9 . _ : -, got '/.*/'",
        "--since yesterday|--since: give an ISO-8601 time (2026-11-25T08:00:00Z), a date (2026-11-25), a time back"
                + " from now (30m, 12h, 7d) or now, got 'yesterday'",
        "--until 2026-02-30|--until: give an ISO-8601 time",
        "--since 1d --until 3d|--until must be after --since, got --since ",
        "--since 731d|--since and --until: at most 730 days apart, got 731 days",
        "--since +10000-01-01T00:00:00Z|--since: '+10000-01-01T00:00:00Z' is out of range (1970 to 2199)",
        "--tz Mars/Olympus|--tz: unknown time zone 'Mars/Olympus'; give an IANA name like Europe/Berlin, or UTC",
        "--db acumat\";DROP|--db must be letters, digits and underscores ([A-Za-z0-9_]+): 'acumat\";DROP'"})
    void historyNamesTheOptionOfEveryMistake(String argsAndMessage) {
        String[] parts = argsAndMessage.split("\\|");
        String[] args = ("history --influx http://127.0.0.1:1 " + parts[0]).split(" ");
        assertThat(cli.run(args)).as(parts[0]).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat history: " + parts[1]).endsWith("(see 'acumat history --help')");
    }

    @Test
    void historyWithInfluxDbAwayIsOneLineAndExit1() {
        assertThat(cli.run("history", "--influx", "http://127.0.0.1:1", "--mat", "mat-1")).isEqualTo(1);
        assertThat(cli.errorLine()).isEqualTo("acumat history: InfluxDB at http://127.0.0.1:1 does not answer");
        assertThat(cli.out.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--stuck-cells 0.3|--stuck-cells must be in 0..0.2, got 0.3",
        "--stuck-cells -0.01|--stuck-cells must be in 0..0.2, got -0.01",
        "--stuck-cells NaN|--stuck-cells must be in 0..0.2, got NaN",
        "--stuck-cells some|Invalid value for option '--stuck-cells': 'some' is not a double",
        "--topper-kpa 2.5|--topper-kpa must be in 0..2, got 2.5",
        "--topper-kpa -1|--topper-kpa must be in 0..2, got -1.0",
        "--topper-kpa Infinity|--topper-kpa must be in 0..2, got Infinity"})
    void theResidualLoadNamesTheOptionOfEveryMistake(String argsAndMessage) {
        String[] parts = argsAndMessage.split("\\|");
        assertThat(cli.run(("simulate --port - --scenario on-off " + parts[0]).split(" "))).as(parts[0]).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat simulate: " + parts[1]);
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run(("demo --data-dir " + dir + " " + parts[0]).split(" "))).as(parts[0]).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat demo: " + parts[1]);
    }

    @Test
    void theResidualLoadReachesTheScenariosMat() throws IOException {
        SensorModel asked = SensorModel.DEFAULT.withStuckCells(0.01).withTopper(0.6);
        assertThat(sensorOf("--stuck-cells", "0.01", "--topper-kpa", "0.6")).isEqualTo(asked);
        assertThat(sensorOf()).isEqualTo(SensorModel.DEFAULT);
    }

    private static SensorModel sensorOf(String... residual) throws IOException {
        SimulateCommand simulate = new SimulateCommand();
        CommandLine cl = new CommandLine(simulate);
        List<String> args = new ArrayList<>(List.of("--port", "-", "--scenario", "on-off"));
        args.addAll(List.of(residual));
        cl.parseArgs(args.toArray(String[]::new));
        simulate.play.validate(m -> new CommandLine.ParameterException(cl, m));
        try (FrameSource source = simulate.play.source()) {
            assertThat(source).isInstanceOf(SyntheticMat.class);
            return ((SyntheticMat) source).sensor();
        }
    }

}
