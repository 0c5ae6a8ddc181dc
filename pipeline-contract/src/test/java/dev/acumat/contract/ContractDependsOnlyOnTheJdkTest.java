package dev.acumat.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** pipeline-contract must depend on nothing but the JDK, so any consumer of the topics can take it alone. */
class ContractDependsOnlyOnTheJdkTest {

    @Test
    void thePomDeclaresNoDependencyOutsideTests() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        while (m.find()) {
            assertThat(m.group(1)).as("a dependency of pipeline-contract").contains("<scope>test</scope>");
        }
    }

    @Test
    void theCompiledClassesNeedOnlyJavaBase() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps not in this JDK"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--print-module-deps", "--ignore-missing-deps",
                "target/classes");
        assertThat(rc).as(out.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo("java.base");
    }

    @Test
    void theSourcesImportOnlyTheJdkAndThemselves() throws IOException {
        Pattern imp = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = imp.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String name = m.group(1);
                    assertThat(List.of("java.", "dev.acumat.contract.")).as("%s imports %s", f, name)
                            .anyMatch(name::startsWith);
                }
            }
        }
    }
}
