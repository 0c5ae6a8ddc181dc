package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.line;
import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./acumat run --serial} as a person with a mat of their own runs it: the simulator plays
 * the mat on one end of a socat pty pair, run reads the other. Its session reaches InfluxDB under
 * the mat's own id (no demo mat); a second start on the same data directory is refused in one
 * line without harm to the first; a broker killed under it shows in /api/health within seconds;
 * SIGTERM stops it with no child left.
 */
class RunSerialIT {
    private static final String MAT = "mat-home-1";

    @TempDir
    Path dir;

    /** Each test's processes with a temporary directory of their own: ITs may run side by side. */
    @RegisterExtension
    final Processes processes = new Processes();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Process run(Path log, String serial) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("../acumat").toAbsolutePath().toString(), "run",
                "--serial", serial, "--data-dir", data().toString(), "--http", "127.0.0.1:0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ACUMAT_DATA_DIR", data().toString());
        return processes.start(pb);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private static List<String> matsWithSessions(InfluxQueries influx) {
        try {
            return influx.rows("SHOW TAG VALUES FROM session WITH KEY = \"mat\"").stream()
                    .map(r -> r.get("value").asText()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static int contactPoints(InfluxQueries influx) {
        try {
            List<Map<String, JsonNode>> rows = influx.rows("SELECT count(contact_ratio) FROM contact WHERE mat = '"
                    + MAT + "'");
            return rows.isEmpty() ? 0 : rows.get(0).get("count").asInt();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> health(String web) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(web + "api/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The whole command line (ProcessHandle.Info cuts a long one, and the broker's classpath is long). */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Processes whose command line names the data directory: the broker, influxd and its watchdog. */
    private List<ProcessHandle> leftovers() {
        return Processes.naming(data());
    }

    @Test
    void aRealMatsSessionReachesInfluxASecondStartIsRefusedADeadBrokerShowsAndSigtermStopsCleanly() throws Exception {
        Path matEnd = dir.resolve("mat");
        Path hostEnd = dir.resolve("host");
        processes.ptyPair(matEnd, hostEnd);
        processes.acumatLogged(dir.resolve("simulate.log"), "simulate", "--port", matEnd.toString(), "--scenario",
                "still", "--loop", "--mat-id", MAT);

        Path log = dir.resolve("run.log");
        Process run = run(log, hostEnd.toString());
        try {
            waitFor("the three lines", 180, () -> line(log, "web") != null || !run.isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; run said:\n" + log(log), e);
        }
        assertThat(run.isAlive()).as(log(log)).isTrue();
        String web = line(log, "web");
        InfluxQueries influx = new InfluxQueries(line(log, "influx"));

        waitFor("a session of " + MAT + " in InfluxDB; run said:\n" + log(log), 90,
                () -> matsWithSessions(influx).contains(MAT));
        assertThat(matsWithSessions(influx)).as("only the real mat, no simulated demo mat").containsExactly(MAT);

        // A second start on the same data directory: one line naming the first, a non-zero exit.
        Path second = dir.resolve("run-2.log");
        Process again = run(second, hostEnd.toString());
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).as(log(second)).isTrue();
        assertThat(again.exitValue()).as(log(second)).isNotZero();
        assertThat(log(second).strip().lines()).as(log(second)).hasSize(1).allMatch(l -> l.matches(
                Pattern.quote("acumat run: the data directory " + data() + " is in use by `acumat run` (pid " + run.pid()
                        + ", web " + web + ", since ") + "\\d\\d:\\d\\d"
                        + Pattern.quote("); stop it first or give another --data-dir")));

        // The first is unharmed: healthy, and its mat's frames still reach InfluxDB.
        HttpResponse<String> ok = health(web);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        int before = contactPoints(influx);
        waitFor("more contact points after the refused start", 30, () -> contactPoints(influx) > before + 10);

        // The broker dies under it: /api/health says so within seconds.
        ProcessHandle broker = run.descendants().filter(p -> commandLine(p).contains("kafka.Kafka")).findFirst()
                .orElseThrow(() -> new AssertionError("no broker among run's children"));
        long killed = System.nanoTime();
        broker.destroyForcibly();
        waitFor("/api/health to name the broker down", 15, () -> {
            try {
                HttpResponse<String> r = health(web);
                JsonNode body = new ObjectMapper().readTree(r.body());
                return r.statusCode() == 503 && body.path("down").toString().contains("kafka");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        System.out.printf("RunSerialIT: /api/health said the broker was down %.1f s after it was killed%n",
                (System.nanoTime() - killed) / 1e9);
        waitFor("the line about the dead broker; run said:\n" + log(log), 10,
                () -> log(log).contains("acumat: the Kafka broker died (exited 137"));
        waitFor("the status line to show it; run said:\n" + log(log), 15,
                () -> log(log).contains("broker down (exited 137)"));

        long stopping = System.nanoTime();
        run.destroy();  // SIGTERM: the script exec'd the JVM
        assertThat(run.waitFor(90, TimeUnit.SECONDS)).as(log(log)).isTrue();
        System.out.printf("RunSerialIT: stopped %.1f s after SIGTERM, the broker dead%n",
                (System.nanoTime() - stopping) / 1e9);
        assertThat(log(log)).contains("stopped; the data stays in");
        waitFor("every child process gone", 30, () -> leftovers().isEmpty());
    }
}
