package dev.acumat.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {
    @Test
    void forTestsUsesTheRealClasspathOfThisJvm(@TempDir Path dir) {
        LocalKafka.Options options = LocalKafka.Options.forTests(dir.resolve("kafka"));
        assertThat(options.port()).isZero();
        assertThat(options.controllerPort()).isZero();
        assertThat(options.startTimeout()).isEqualTo(LocalKafka.DEFAULT_START_TIMEOUT);
        assertThat(options.dataDir()).isAbsolute();
        assertThat(options.classpath()).allMatch(Path::isAbsolute);
        // The server jars, not just a surefire booter jar.
        assertThat(options.classpath()).anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
        assertThat(options.classpath()).anyMatch(p -> p.getFileName().toString().startsWith("kafka-server-"));
    }

    @Test
    void jarsInListsTheJarsOfADirectorySorted(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        Files.createDirectory(dir.resolve("sub.jar"));
        assertThat(LocalKafka.Options.jarsIn(dir)).containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"));
        assertThatThrownBy(() -> LocalKafka.Options.jarsIn(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsSettingsLocalKafkaOwnsAndBadValues(@TempDir Path dir) {
        LocalKafka.Options options = LocalKafka.Options.of(dir, List.of(dir));
        assertThat(options.withExtraConfig(Map.of("num.partitions", "3")).extraConfig())
                .containsEntry("num.partitions", "3");
        assertThatThrownBy(() -> options.withExtraConfig(Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listeners");
        assertThatThrownBy(() -> options.withPorts(9092, 9092)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withPorts(70000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withStartTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalKafka.Options.of(dir, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
