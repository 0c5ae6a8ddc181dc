package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Arduino example (examples/arduino-grid-16x16): the sketch builds for an Uno with
 * Debian's avr-gcc and Arduino core and fits it, and its logic, built for this machine
 * against a simulated grid, sends what PROTOCOL.md section 9.1 asks, as this module's decoder
 * reads it. Like {@link CReferenceEncoderTest} it fails rather than skips without the
 * compilers: a sketch that silently stops building is how an example rots.
 */
class ArduinoGridExampleTest {
    private static final Path MODULE = ToolRun.MODULE;
    private static final Path EXAMPLE = MODULE.resolve("examples").resolve("arduino-grid-16x16");
    private static final List<String> STRICT = List.of("-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror",
            "-Wconversion", "-Wshadow");
    private static final Pattern SIZES = Pattern.compile(
            "flash (\\d+) of 32256 bytes .*RAM (\\d+) of 2048 bytes .*static, (\\d+) left for the stack");
    private static final Pattern TEXT_LINE = Pattern.compile("max raw (\\d+) at row (\\d+) col (\\d+), (\\d+) cells loaded");
    private static final int FRAMES = 250;
    private static final int REQUEST_AFTER = 30;
    /** A device-info of 90-odd bytes at 500000 baud, and the virtual clock's idle step. */
    private static final long JITTER_US = 3000;

    @TempDir
    Path tmp;

    @Test
    void sketchBuildsForAnUnoAndFitsWithMargin() throws Exception {
        ToolRun build = run(List.of(EXAMPLE.resolve("build-avr").toString(), "--out", tmp.resolve("avr").toString()));
        build.assertSucceeded("build-avr");
        Matcher sizes = SIZES.matcher(build.output());
        assertThat(sizes.find()).as("the size line of build-avr:%n%s", build.output()).isTrue();
        assertThat(Integer.parseInt(sizes.group(1))).as("flash bytes").isBetween(2000, 32256 * 3 / 4);
        assertThat(Integer.parseInt(sizes.group(3))).as("RAM bytes left for the stack").isGreaterThanOrEqualTo(700);
        assertThat(tmp.resolve("avr").resolve("arduino-grid-16x16.hex")).isNotEmptyFile();
        System.out.println(build.output().strip());
    }

    @Test
    void hostBuildSendsDeviceInfoAtStartEveryFiveSecondsAndWhenAskedBetweenConsecutiveFrames() throws Exception {
        Path exe = hostBuild("grid_host");
        Path wire = tmp.resolve("wire.bin");
        ToolRun result = run(List.of(exe.toString(), "--virtual-clock", "--frames", Integer.toString(FRAMES),
                "--request-after", Integer.toString(REQUEST_AFTER)), wire);
        result.assertSucceeded("grid_host");

        Recorder recorder = new Recorder();
        StreamDecoder decoder = new StreamDecoder();
        decoder.feed(Files.readAllBytes(wire), recorder);
        List<Message> messages = recorder.messages;
        assertThat(recorder.errors).as("decode errors").isEmpty();
        assertThat(decoder.stats().bytesSkipped()).as("bytes before the start-up delimiter").isZero();

        assertThat(messages.get(0)).as("the first message").isInstanceOf(DeviceInfo.class);
        DeviceInfo info = (DeviceInfo) messages.get(0);
        assertThat(info.matId()).isEqualTo(configString("GRID_MAT_ID"));
        assertThat(info.rows()).isEqualTo(16);
        assertThat(info.cols()).isEqualTo(16);
        assertThat(info.adcBits()).isEqualTo(10);
        assertThat(info.frameIntervalUs()).isEqualTo(configNumber("GRID_FRAME_INTERVAL_US"));
        assertThat(info.deadband()).isEqualTo(configNumber("GRID_DEADBAND"));
        assertThat(info.calibration()).as("the calibration points of grid_config.h").hasSizeGreaterThanOrEqualTo(2);

        long interval = info.frameIntervalUs();
        long maxFramesBetweenInfos = 5_000_000 / interval;
        int framesSinceInfo = 0;
        long expectedSeq = 0;
        for (int i = 1; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m instanceof MatLayout layout) {
                assertThat(messages.get(i - 1)).as("what the mat_layout follows").isInstanceOf(DeviceInfo.class);
                assertThat(layout).as("grid_config.h's GRID_CELL_ORDER and GRID_LAYOUT")
                        .isEqualTo(MatLayout.of(CellOrder.NONE, MatKind.LUMBAR_PAD));
                continue;
            }
            if (i + 1 < messages.size() && messages.get(i - 1) instanceof DeviceInfo) {
                fail("message %d follows a device-info but is no mat_layout: %s", i, m);
            }
            if (m instanceof DeviceInfo again) {
                assertThat(again).as("every device-info is the same").isEqualTo(info);
                assertThat(framesSinceInfo).as("frames between device-infos").isLessThanOrEqualTo((int) maxFramesBetweenInfos);
                framesSinceInfo = 0;
                continue;
            }
            PressureFrame f = (PressureFrame) m;
            assertThat(f.sequence()).as("sequence").isEqualTo(expectedSeq);
            // On the rate's phase: late by at most a device-info's transmission, never drifting.
            assertThat(f.deviceTimeMicros() - expectedSeq * interval).as("device time of frame %d", expectedSeq)
                    .isBetween(0L, JITTER_US);
            assertThat(f.rows()).isEqualTo(16);
            assertThat(f.cols()).isEqualTo(16);
            int loaded = f.nonZeroCells();
            assertThat(loaded).as("loaded cells of frame %d", expectedSeq).isBetween(20, 240);
            for (int v : f.toArray()) {
                assertThat(v).as("a cell: 0, or above the deadband and within 10 bits").satisfiesAnyOf(
                        x -> assertThat(x).isZero(), x -> assertThat(x).isBetween(info.deadband() + 1, 1023));
            }
            if (expectedSeq == REQUEST_AFTER) {
                assertThat(messages.get(i - 2)).as("the answer to the request, right before frame %d", expectedSeq)
                        .isInstanceOf(DeviceInfo.class);
            }
            framesSinceInfo++;
            expectedSeq++;
        }
        assertThat(expectedSeq).as("frames").isEqualTo(FRAMES);
        long infos = messages.stream().filter(DeviceInfo.class::isInstance).count();
        // At start, on request, and every 5 s of the 12.5 s after it.
        assertThat(infos).isEqualTo(4);
        assertThat(result.output()).contains("(1 on request)", "0 late scans");
    }

    @Test
    void readingsThatFallWithLoadAreInvertedBeforeTheDeadband() throws Exception {
        Path rising = tmp.resolve("rising.bin");
        Path falling = tmp.resolve("falling.bin");
        List<String> args = List.of("--virtual-clock", "--frames", "40");
        run(withArgs(hostBuild("grid_host"), args), rising).assertSucceeded("grid_host");
        run(withArgs(hostBuild("grid_host_falling", "-DGRID_READING_FALLS_WITH_LOAD=1"), args), falling)
                .assertSucceeded("grid_host, falling readings");
        assertThat(Files.size(rising)).isPositive();
        assertThat(Files.readAllBytes(falling)).as("the same load read through a falling divider")
                .isEqualTo(Files.readAllBytes(rising));
    }

    @Test
    void calibrationTextNamesTheStrongestCell() throws Exception {
        Path out = tmp.resolve("text.txt");
        run(withArgs(hostBuild("grid_host"), List.of("--virtual-clock", "--frames", "30", "--text")), out)
                .assertSucceeded("grid_host --text");
        List<String> lines = Files.readAllLines(out, StandardCharsets.US_ASCII);
        assertThat(lines).as("a line every half second of 1.5 s").hasSize(3);
        for (String line : lines) {
            Matcher m = TEXT_LINE.matcher(line.strip());
            assertThat(m.matches()).as("line %s", line).isTrue();
            // The simulated buttocks, at the foot end, press hardest.
            assertThat(Integer.parseInt(m.group(2))).as("row of the strongest cell").isBetween(11, 15);
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    private Path hostBuild(String name, String... defines) throws Exception {
        Path exe = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("acumat.cc", "gcc")));
        cmd.addAll(STRICT);
        cmd.addAll(List.of(defines));
        cmd.addAll(List.of("-O2", "-I" + EXAMPLE, "-I" + MODULE.resolve("c"),
                EXAMPLE.resolve("host").resolve("grid_host.c").toString(), EXAMPLE.resolve("grid_mat.c").toString(),
                MODULE.resolve("c").resolve("acumat_protocol.c").toString(), "-lm", "-o", exe.toString()));
        run(cmd).assertSucceeded("compiling the host build");
        return exe;
    }

    private static List<String> withArgs(Path exe, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(args);
        return cmd;
    }

    private static String configString(String name) throws IOException {
        return configValue(name, "\"([^\"]*)\"");
    }

    private static long configNumber(String name) throws IOException {
        return Long.parseLong(configValue(name, "(\\d+)[uUlL]*"));
    }

    /** A value of the sketch's grid_config.h, its one home. */
    private static String configValue(String name, String value) throws IOException {
        String config = Files.readString(EXAMPLE.resolve("grid_config.h"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("#define\\s+" + name + "\\s+" + value).matcher(config);
        assertThat(m.find()).as("%s in grid_config.h", name).isTrue();
        return m.group(1);
    }

    private ToolRun run(List<String> command) throws IOException, InterruptedException {
        return run(command, null);
    }

    /** Runs a command; stdout to {@code stdout} when given, else with stderr into the result. */
    private ToolRun run(List<String> command, Path stdout) throws IOException, InterruptedException {
        return ToolRun.run(MODULE, tmp, command, Map.of(), stdout, "The Arduino example's test needs gcc; run-tests"
                + " installs it with gcc-avr, avr-libc and arduino-core-avr.");
    }
}
