package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/OPERATIONS.md's appendix, the services' command-line contract, lists exactly the options
 * of {@code acumat gateway} and {@code acumat analytics}, with their variables and defaults.
 */
class OptionsDocumentedTest {
    private static final Path DOC = Path.of("..", "docs", "OPERATIONS.md");
    /** Options every command has, not the service's. */
    private static final Set<String> STANDARD = Set.of("--help", "--version");

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "analytics"})
    void theAppendixListsEveryOptionOfTheCommandAndNoOther(String command) throws IOException {
        Map<String, Row> documented = table(command);
        Set<String> options = new TreeSet<>();
        for (OptionSpec o : spec(command).options()) {
            if (!STANDARD.contains(o.longestName())) {
                options.add(o.longestName());
            }
        }
        assertThat(documented.keySet()).as("the options in the table of acumat %s", command)
                .containsExactlyInAnyOrderElementsOf(options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "analytics"})
    void eachOptionReadsTheDocumentedVariableAndHasTheDocumentedDefault(String command) throws IOException {
        Map<String, Row> documented = table(command);
        for (OptionSpec o : spec(command).options()) {
            Row row = documented.get(o.longestName());
            if (row == null) {
                continue;  // the other test names it
            }
            String variable = OptionDefaults.variable(OptionDefaults.name(o));
            assertThat(row.variable()).as("%s's variable", o.longestName()).isEqualTo(variable);
            // A default the code holds as a value is in the table as that value; "(none)",
            // "(required)", "(the mat's own)" or `<data dir>/...` stand for no value or one
            // worked out at start.
            String value = o.defaultValue();
            String cell = row.defaultCell();
            if (cell.startsWith("(") || cell.startsWith("`<")) {
                assertThat(value).as("%s has no fixed default, as the table says", o.longestName()).isNull();
            } else {
                assertThat(sameValue(cell, value)).as("%s's default: %s in the table, %s in the code",
                        o.longestName(), cell, value).isTrue();
            }
        }
    }

    /** Equal as text, or as numbers (the table writes 5 where the code has 5.0). */
    private static boolean sameValue(String documented, String code) {
        if (code == null || documented.equals(code)) {
            return documented.equals(code);
        }
        try {
            return Double.parseDouble(documented) == Double.parseDouble(code);
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }

    private static CommandLine.Model.CommandSpec spec(String command) {
        return Acumat.commandLine().getSubcommands().get(command).getCommandSpec();
    }

    /** One row of an appendix table: its variable and default cells. */
    private record Row(String variable, String defaultCell) {
    }

    /** The rows of the table that follows the command's heading, by option. */
    private static Map<String, Row> table(String command) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int appendix = doc.indexOf("## Appendix: options and environment variables");
        int heading = doc.indexOf("**`acumat " + command + "`**", appendix);
        assertThat(appendix).isPositive();
        assertThat(heading).as("acumat %s in the appendix", command).isPositive();
        int end = doc.indexOf("\n\n", doc.indexOf("| --- |", heading));
        Map<String, Row> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("^\\| [^|]*\\| `(--[a-z-]+)[^|]*\\| `?([A-Z_]*)`?[^|]*\\| [^|]*\\| ([^|]*) \\|",
                Pattern.MULTILINE).matcher(doc.substring(heading, end).replace("\\|", "/"));
        while (m.find()) {
            rows.put(m.group(1), new Row(m.group(2), m.group(3).strip()));
        }
        return rows;
    }
}
