package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.FrameSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code --pitch-mm P|RxC}: one pitch both ways or one per direction, and one line for each mistake. */
class PitchOptionTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    /** The device-info simulate would send, from its options as parsed. */
    private static DeviceInfo simulated(String... args) throws IOException {
        CommandLine cl = Acumat.commandLine();
        String[] all = new String[args.length + 3];
        all[0] = "simulate";
        all[1] = "--port";
        all[2] = "-";
        System.arraycopy(args, 0, all, 3, args.length);
        SimulateCommand s = (SimulateCommand) cl.parseArgs(all).subcommand().commandSpec().userObject();
        s.play.validate(m -> new CommandLine.ParameterException(cl, m));
        try (FrameSource source = s.play.source()) {
            return source.deviceInfo("m");
        }
    }

    @Test
    void onePitchIsBothWaysAndTwoAreRowsThenColumns() {
        assertThat(PitchOption.parse("28")).isEqualTo(new PitchOption.Pitch(28, 28));
        assertThat(PitchOption.parse("28x35")).isEqualTo(new PitchOption.Pitch(28, 35));
        assertThat(PitchOption.parse(" 27.5 X 35 ")).isEqualTo(new PitchOption.Pitch(27.5, 35));
        assertThat(PitchOption.parse("1000*0.5")).isEqualTo(new PitchOption.Pitch(1000, 0.5));
        assertThat(PitchOption.parse("28x35").transposed()).isEqualTo(new PitchOption.Pitch(35, 28));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "28x", "x35", "28x35x1", "abc", "28mm", "0", "-3", "1001", "28x0", "NaN",
        "28xInfinity"})
    void anythingElseNamesTheOption(String text) {
        assertThatThrownBy(() -> PitchOption.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--pitch-mm must be").hasMessageEndingWith("got '" + text.strip() + "'");
    }

    @Test
    void aReplayAndAScenarioGridTakeBothPitches() throws IOException {
        Path rec = Files.writeString(dir.resolve("r.txt"), "1 2 3 4 5 6\n");
        DeviceInfo info = simulated("--replay", rec.toString(), "--rows", "3", "--cols", "2", "--pitch-mm", "28x35");
        assertThat(info.rowPitchUm()).isEqualTo(28_000);
        assertThat(info.colPitchUm()).isEqualTo(35_000);
        // Transposed, the recording's rows run across the mat: its pitches turn with it.
        info = simulated("--replay", rec.toString(), "--rows", "3", "--cols", "2", "--pitch-mm", "28x35",
                "--transpose");
        assertThat(info.rows()).isEqualTo(2);
        assertThat(info.rowPitchUm()).isEqualTo(35_000);
        assertThat(info.colPitchUm()).isEqualTo(28_000);
        info = simulated("--scenario", "still", "--rows", "64", "--cols", "27", "--pitch-mm", "28x35");
        assertThat(info.rowPitchUm()).isEqualTo(28_000);
        assertThat(info.colPitchUm()).isEqualTo(35_000);
    }

    @Test
    void aBadPitchIsOneLineNamingTheOption() throws IOException {
        Path rec = Files.writeString(dir.resolve("r.txt"), "1 2 3 4\n");
        assertThat(cli.run("simulate", "--port", "-", "--replay", rec.toString(), "--rows", "2", "--cols", "2",
                "--pitch-mm", "28x")).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat simulate: --pitch-mm must be P or RxC");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("analyze", rec.toString(), "--rows", "2", "--cols", "2", "--pitch-mm", "28x1001")).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat analyze: --pitch-mm must be in (0, 1000]");
        cli.err.getBuffer().setLength(0);
        assertThat(cli.run("analyze", rec.toString(), "--rows", "2", "--cols", "2")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("needs --pitch-mm");
    }
}
