package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The ./acumat script as a user runs it, on the jar this build made. */
class LauncherScriptIT {
    @TempDir
    Path dataDir;

    /** Each test's processes with a temporary directory of their own: ITs may run side by side. */
    @RegisterExtension
    final Processes processes = new Processes();

    private record Run(int exit, String out, String err) {
    }

    private Run acumat(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("../acumat").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ACUMAT_DATA_DIR", dataDir.toString());
        Process p = processes.start(pb);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void helpListsEveryCommandWithoutRebuilding() throws Exception {
        Run r = acumat("--help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).as("no build line: the jar is fresh").doesNotContain("building");
        assertThat(r.out()).contains("demo", "simulate", "gateway", "analytics", "analyze", "history");
    }

    @Test
    void historyWithoutInfluxOrALocalDemoSaysWhatToDo() throws Exception {
        Run r = acumat("history", "--since", "7d");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).containsExactly("acumat history: no --influx given and no local demo"
                + " InfluxDB found under " + dataDir.resolve("influx") + "; run ./acumat demo or pass --influx URL"
                + " (see 'acumat history --help')");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMistakeIsOneLineOnStderr() throws Exception {
        Run r = acumat("simulate", "--port", "/nonexistent/tty", "--scenario", "empty");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).containsExactly(
                "acumat simulate: cannot open port /nonexistent/tty: no such port: /nonexistent/tty");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void optionsAlsoComeFromTheEnvironment() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("../acumat").toAbsolutePath().toString(), "simulate",
                "--scenario", "empty", "--speed", "0");
        pb.environment().put("ACUMAT_DATA_DIR", dataDir.toString());
        pb.environment().put("ACUMAT_PORT", "/nonexistent/env-tty");
        Process p = processes.start(pb);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(err).contains("cannot open port /nonexistent/env-tty");
    }
}
