package dev.acumat.cli;

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
 * A real KRaft broker for every test of a class, started before the first and stopped after
 * the last (a broker takes seconds to start; the tests tell their records apart by mat id):
 * {@code @RegisterExtension static final SharedBroker broker = new SharedBroker();}
 */
final class SharedBroker implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private LocalKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("acumat-it-broker");
        kafka = LocalKafka.start(LocalKafka.Options.forTests(dir.resolve("kafka")));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
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
}
