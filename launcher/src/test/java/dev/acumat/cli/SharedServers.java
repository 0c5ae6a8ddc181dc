package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.servers.LocalInflux;
import dev.acumat.servers.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real KRaft broker, and an influxd where asked, for every test of a class: started before the
 * first test and stopped after the last (each takes seconds to start; the tests tell their
 * records apart by mat id):
 * {@code @RegisterExtension static final SharedServers servers = SharedServers.broker();}
 */
final class SharedServers implements BeforeAllCallback, AfterAllCallback {
    /**
     * Bound on a server's start (and restart). A broker starts in about 10 s on a quiet machine;
     * beside other builds and suites it has taken over a minute, which is no failure of the tests.
     */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final boolean withInflux;
    private Path dir;
    private LocalKafka kafka;
    private LocalInflux influx;

    private SharedServers(boolean withInflux) {
        this.withInflux = withInflux;
    }

    /** A broker. */
    static SharedServers broker() {
        return new SharedServers(false);
    }

    /** A broker and an influxd. */
    static SharedServers brokerAndInflux() {
        return new SharedServers(true);
    }

    /** Both at once: influxd is up in well under a second, the broker's JVM takes seconds. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("acumat-it-servers");
        CompletableFuture<LocalInflux> startingInflux = withInflux
                ? CompletableFuture.supplyAsync(this::startInflux)
                : CompletableFuture.completedFuture(null);
        try {
            kafka = LocalKafka.start(LocalKafka.Options.forTests(dir.resolve("kafka")).withStartTimeout(START_TIMEOUT));
        } finally {
            try {
                influx = startingInflux.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    private LocalInflux startInflux() {
        try {
            return LocalInflux.start(LocalInflux.Options.of(dir.resolve("influx")).withStartTimeout(START_TIMEOUT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (influx != null) {
            influx.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    String bootstrap() {
        return kafka.bootstrap();
    }

    LocalKafka kafka() {
        return kafka;
    }

    /** The influxd (only {@link #brokerAndInflux}), for a test that stops and restarts it. */
    LocalInflux influx() {
        return influx;
    }

    /** Where the servers keep their data and logs, until the last test of the class has run. */
    Path dir() {
        return dir;
    }

    /** The influxd's base URL (only {@link #brokerAndInflux}). */
    String influxUrl() {
        return influx.url();
    }

    /**
     * The analytics against these servers (the influxd too, where there is one), its state in
     * {@code dir/state}, its output in {@code log}; {@code more} options after those.
     */
    Process analytics(Processes processes, Path dir, Path log, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("analytics", "--kafka", bootstrap()));
        if (influx != null) {
            args.addAll(List.of("--influx", influxUrl()));
        }
        args.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        return processes.acumatLogged(log, args.toArray(String[]::new));
    }

    /**
     * A gateway from {@code serial} into this broker, its spool in {@code dir/spool}, its output in
     * {@code log}; {@code more} options after those.
     */
    Process gateway(Processes processes, Path dir, Path log, Path serial, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("gateway", "--serial", serial.toString(), "--kafka", bootstrap(),
                "--spool", dir.resolve("spool").toString()));
        args.addAll(List.of(more));
        return processes.acumatLogged(log, args.toArray(String[]::new));
    }

    /** Stops a gateway (SIGTERM) and checks its last word: every record it read is in Kafka. */
    static void stopDelivered(Process gateway, Path log) throws InterruptedException {
        Processes.stop(gateway);
        assertThat(ProcessLog.log(log)).contains("gateway stopped: every record is in Kafka");
    }
}
