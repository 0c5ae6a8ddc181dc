package dev.acumat.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.acumat.servers.ServerChecks.isAlive;
import static dev.acumat.servers.ServerChecks.millisSince;
import static dev.acumat.servers.ServerChecks.rss;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Starts real influxd processes (Debian's influxdb package). */
class LocalInfluxIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void keepsPointsAcrossStopRestartAndKill(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("influx");
        long t0 = System.nanoTime();
        LocalInflux influx = LocalInflux.start(LocalInflux.Options.of(dataDir));
        long coldMs = millisSince(t0);
        String url = influx.url();
        try (influx) {
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(influx.isRunning()).isTrue();
            assertThat(influx.logFile()).exists();
            assertThat(Files.readString(influx.configFile()))
                    .contains("bind-address = \"127.0.0.1:" + influx.rpcPort() + "\"")
                    .contains("reporting-disabled = true");
            long pid = influx.pid().orElseThrow();
            assertThat(influxChildren(dataDir)).extracting(ProcessHandle::pid).hasSize(2).contains(pid); // and its watchdog
            System.out.printf("LocalInflux cold start: %d ms, RSS %s%n", coldMs, rss(pid));

            query(url, "CREATE DATABASE \"it\"", null);
            write(url, "it", "m,mat=a v=1 1700000000000\nm,mat=a v=2 1700000001000");
            assertThat(count(url, "it")).isEqualTo(2);
            System.out.printf("LocalInflux RSS after a write: %s%n", rss(pid));

            // A crash right after an acknowledged write: the WAL has it.
            ServerChecks.survivesStopAndKill(influx, influx::url, () -> {
                assertThat(count(url, "it")).isEqualTo(2);
                write(url, "it", "m,mat=a v=3 1700000002000");
            }, () -> assertThat(count(url, "it")).isEqualTo(3));
        }
        assertThat(influx.isRunning()).isFalse();
        assertThat(influx.pid()).isEmpty();
        assertThat(influxChildren(dataDir)).isEmpty();
        assertThatThrownBy(influx::restart).isInstanceOf(IllegalStateException.class);

        // A second run on the same directory gets the same (still free) port and the points.
        try (LocalInflux again = LocalInflux.start(LocalInflux.Options.of(dataDir))) {
            assertThat(again.url()).isEqualTo(url);
            assertThat(count(url, "it")).isEqualTo(3);
            assertThatThrownBy(() -> LocalInflux.start(LocalInflux.Options.of(dataDir).withPorts(0, 0)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("another influxd (pid " + again.pid().orElseThrow() + ")");
        }
        assertThat(influxChildren(dataDir)).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void createsTheAdminUserAndRequiresCredentials(@TempDir Path dir) throws Exception {
        LocalInflux.Options options = LocalInflux.Options.of(dir.resolve("influx")).withAdmin("admin", "s3cret'\"pw");
        assertThat(options.toString()).doesNotContain("s3cret");
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret'\"pw".getBytes(StandardCharsets.UTF_8));
        for (int run = 0; run < 2; run++) {
            // The second run finds the user already there.
            try (LocalInflux influx = LocalInflux.start(options)) {
                assertThat(query(influx.url(), "SHOW DATABASES", null).statusCode()).isEqualTo(401);
                assertThat(query(influx.url(), "SHOW DATABASES", basic).statusCode()).isEqualTo(200);
            }
        }
        LocalInflux.Options wrong = options.withAdmin("admin", "other");
        assertThatThrownBy(() -> LocalInflux.start(wrong))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not admin admin with the given password")
                .hasMessageNotContaining("other");
        assertThat(influxChildren(dir.resolve("influx"))).isEmpty();
    }

    @Test
    void saysHowToInstallInfluxdWhenItIsMissing(@TempDir Path dir) {
        LocalInflux.Options options = LocalInflux.Options.of(dir).withInfluxd(dir.resolve("no-such-influxd"));
        assertThatThrownBy(() -> LocalInflux.start(options))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("influxd not found")
                .hasMessageContaining("apt-get install influxdb")
                .hasMessageContaining("--influx URL");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void failsWithInfluxdsErrorWhenItDiesDuringStartUp(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("influx");
        assertThatThrownBy(() -> LocalInflux.Options.of(dataDir).withExtraConfig(Map.of("meta.dir", "\"x\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meta.dir");
        LocalInflux.Options broken = LocalInflux.Options.of(dataDir)
                .withExtraConfig(Map.of("data.index-version", "\"no-such-index\""));
        assertThatThrownBy(() -> LocalInflux.start(broken))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("influxd exited during start-up")
                .hasMessageContaining("last lines of");
        assertThat(influxChildren(dataDir)).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void failsAtOnceWhenAFixedPortIsTaken(@TempDir Path dir) throws Exception {
        ServerChecks.failsAtOnceOnATakenPort(port -> LocalInflux.start(LocalInflux.Options.of(dir).withPorts(0, port)));
    }

    /** The owning JVM dies by SIGKILL (no shutdown hook runs): influxd must go with it. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void influxdDoesNotOutliveItsJvm(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("influx");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Classpaths.current().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                Owner.class.getName(), dataDir.toString());
        Process owner = new ProcessBuilder(command).redirectErrorStream(true).start();
        long influxdPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the owner JVM's output").isNotNull();
            } while (!line.startsWith("influxd pid "));
            influxdPid = Long.parseLong(line.substring("influxd pid ".length()).trim());
            assertThat(isAlive(influxdPid)).isTrue();
            owner.destroyForcibly();
            owner.waitFor();
        }
        // influxd is no child of this JVM: onExit() polls for it.
        ProcessHandle.of(influxdPid).ifPresent(h -> h.onExit().join());
        assertThat(isAlive(influxdPid)).isFalse();
        assertThat(influxChildren(dataDir)).isEmpty();
    }

    /** The JVM of {@link #influxdDoesNotOutliveItsJvm}: starts influxd, prints its pid, waits to be killed. */
    static final class Owner {
        public static void main(String[] args) throws Exception {
            LocalInflux influx = LocalInflux.start(LocalInflux.Options.of(Path.of(args[0])));
            System.out.println("influxd pid " + influx.pid().orElseThrow());
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await();  // until the test kills this JVM
        }
    }

    // ---------------------------------------------------------------- helpers

    private static HttpResponse<String> query(String url, String q, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void write(String url, String db, String lines) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/write?precision=ms&db=" + db))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** count(v) of measurement m, 0 when there is none. */
    private static long count(String url, String db) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/query?db=" + db + "&q="
                + URLEncoder.encode("SELECT count(v) FROM m", StandardCharsets.UTF_8))).GET().build();
        String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        // {"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","count"],"values":[["1970-...",2]]}]}]}
        int values = body.indexOf("\"values\":[[");
        if (values < 0) {
            return 0;
        }
        String row = body.substring(values, body.indexOf("]]", values));
        return Long.parseLong(row.substring(row.lastIndexOf(',') + 1).trim());
    }

    /** Live influxd and watchdog processes whose command line names this data directory. */
    private static List<ProcessHandle> influxChildren(Path dataDir) {
        return ServerChecks.naming(dataDir, ProcessHandle.allProcesses(),
                c -> c.contains("influxd run") || c.contains("influxd-watchdog"));
    }
}
