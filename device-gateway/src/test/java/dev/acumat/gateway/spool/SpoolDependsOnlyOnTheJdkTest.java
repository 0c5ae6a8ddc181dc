package dev.acumat.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The spool must work without Kafka, the serial library or a logger: it may be taken alone, with
 * the one clock of module time (which needs only the JDK itself).
 */
class SpoolDependsOnlyOnTheJdkTest {
    @Test
    void theSpoolSourcesImportOnlyTheJdk() throws IOException {
        Pattern imp = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/acumat/gateway/spool"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path f : sources) {
            Matcher m = imp.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                assertThat(List.of("java.", "dev.acumat.time.")).as("%s imports %s", f, m.group(1))
                        .anyMatch(m.group(1)::startsWith);
            }
        }
    }
}
