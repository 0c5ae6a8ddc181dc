package dev.acumat.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every module takes its clock from here, so this module may depend on nothing but the JDK. */
class TimeDependsOnlyOnTheJdkTest {
    @Test
    void thePomDeclaresNoDependencyOutsideTests() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        while (m.find()) {
            assertThat(m.group(1)).as("a dependency of time").contains("<scope>test</scope>");
        }
    }

    @Test
    void theSourcesImportOnlyTheJdk() throws IOException {
        Pattern imp = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = imp.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    assertThat(m.group(1)).as("%s imports", f).startsWith("java.");
                }
            }
        }
    }
}
