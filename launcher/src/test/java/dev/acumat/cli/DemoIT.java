package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.line;
import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./acumat demo} as a person runs it: the script, a terminal's Ctrl-C, a second run. */
class DemoIT {
    @TempDir
    Path dir;

    /** Each test's processes with a temporary directory of their own: ITs may run side by side. */
    @RegisterExtension
    final Processes processes = new Processes();
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * {@code ./acumat demo} with SIGINT handled as on a terminal: a suite started in the background
     * (a non-interactive shell's {@code &}) passes SIGINT down ignored, and a JVM that starts with it
     * ignored never runs its shutdown hooks on Ctrl-C.
     */
    private Process demo(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", "bash",
                Path.of("../acumat").toAbsolutePath().toString(), "demo", "--data-dir", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ACUMAT_DATA_DIR", dir.resolve("data").toString());
        return processes.start(pb);
    }

    private int sessionsIn(String influx) {
        try {
            String q = URLEncoder.encode("SELECT count(duration_s) FROM session", StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(influx + "/query?db=acumat&q=" + q))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode values = new ObjectMapper().readTree(r.body()).path("results").path(0).path("series").path(0)
                    .path("values");
            return values.isEmpty() ? 0 : values.get(0).get(1).asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Processes whose command line names the demo's data directory: the broker, influxd, socat. */
    private List<ProcessHandle> leftovers() {
        return Processes.naming(dir.resolve("data"));
    }

    @Test
    void startsEverythingStopsCleanlyOnCtrlCAndASecondRunKeepsTheHistory() throws Exception {
        Path log = dir.resolve("demo.log");
        long started = System.nanoTime();
        Process demo = demo(log, "--http", "127.0.0.1:0");
        // Up in about 17 s on a quiet machine (README); the bound is generous for a loaded one.
        try {
            waitFor("the three lines", 180, () -> line(log, "web") != null || !demo.isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; demo said:\n" + log(log), e);
        }
        assertThat(demo.isAlive()).as(log(log)).isTrue();
        double upSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("DemoIT: up in %.1f s (including the JVM and the launcher script)%n", upSeconds);
        String kafka = line(log, "kafka");
        String influx = line(log, "influx");
        String web = line(log, "web");
        assertThat(kafka).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(influx).startsWith("http://127.0.0.1:");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(web)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElse("")).contains("text/html");

        waitFor("a session in InfluxDB; demo said:\n" + log(log), 90, () -> sessionsIn(influx) > 0);

        Processes.interrupt(demo);
        assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as(log(log)).isTrue();
        assertThat(log(log)).contains("stopped; the data stays in");
        waitFor("every child process gone", 30, () -> leftovers().isEmpty());

        Path second = dir.resolve("demo-2.log");
        Process again = demo(second, "--http", "127.0.0.1:0");
        waitFor("the second run's lines; demo said:\n" + log(second), 180,
                () -> line(second, "web") != null || !again.isAlive());
        assertThat(sessionsIn(line(second, "influx"))).as("the first run's session is still there").isPositive();
        Processes.interrupt(again);
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        waitFor("every child process gone after the second run", 30, () -> leftovers().isEmpty());
    }

    @Test
    void aPortInUseIsOneLineAndNothingStaysBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path log = dir.resolve("busy.log");
            Process demo = demo(log, "--http", "127.0.0.1:" + taken.getLocalPort());
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).isNotZero();
            assertThat(log(log)).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use; pass --http");
            assertThat(log(log).lines().filter(l -> l.startsWith("acumat demo:"))).hasSize(1);
            assertThat(leftovers()).isEmpty();
        }
    }
}
