package dev.acumat.cli;

import dev.acumat.servers.LocalInflux;
import dev.acumat.servers.LocalKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("acumat-it-servers");
        kafka = LocalKafka.start(LocalKafka.Options.forTests(dir.resolve("kafka")));
        if (withInflux) {
            influx = LocalInflux.start(LocalInflux.Options.of(dir.resolve("influx")));
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

    /** The influxd's base URL (only {@link #brokerAndInflux}). */
    String influxUrl() {
        return influx.url();
    }
}
