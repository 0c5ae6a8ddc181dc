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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three modules others take alone depend on nothing but the JDK: firmware-protocol (firmware
 * tools and other hosts), time (every module's clock) and pipeline-contract (any consumer of the
 * topics). One rule, checked here once for the three; this module's pom takes the other two in
 * test scope so that the reactor has compiled them before this test reads their classes.
 */
class JdkOnlyModulesTest {

    private static final Path REPOSITORY = Path.of("..");

    /** A module's folder in the repository, and the package its own imports start with. */
    record JdkOnlyModule(String folder, String ownPackage) {
        Path path(String inside) {
            return REPOSITORY.resolve(folder).resolve(inside);
        }

        @Override
        public String toString() {
            return folder;
        }
    }

    static List<JdkOnlyModule> modules() {
        return List.of(new JdkOnlyModule("firmware-protocol", "dev.acumat.protocol"),
                new JdkOnlyModule("time", "dev.acumat.time"),
                new JdkOnlyModule("pipeline-contract", "dev.acumat.contract"));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void thePomDeclaresNoDependencyOutsideTests(JdkOnlyModule module) throws IOException {
        String pom = Files.readString(module.path("pom.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        while (m.find()) {
            assertThat(m.group(1)).as("a dependency of " + module).contains("<scope>test</scope>");
        }
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theCompiledClassesNeedOnlyJavaBase(JdkOnlyModule module) {
        Path classes = module.path("target/classes");
        assertThat(classes).as("%s compiled before this test", module).isDirectory();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps not in this JDK"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--print-module-deps", "--ignore-missing-deps",
                classes.toString());
        assertThat(rc).as(out.toString()).isZero();
        assertThat(out.toString().strip()).as("the JDK modules %s needs", module).isEqualTo("java.base");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void theSourcesImportOnlyTheJdkAndThemselves(JdkOnlyModule module) throws IOException {
        Pattern imp = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(module.path("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = imp.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String name = m.group(1);
                    assertThat(List.of("java.", module.ownPackage() + ".")).as("%s imports %s", f, name)
                            .anyMatch(name::startsWith);
                }
            }
        }
    }
}
