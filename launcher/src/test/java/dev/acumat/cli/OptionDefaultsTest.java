package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Where an option not given takes its value: the variable, else the file, else its own default. */
class OptionDefaultsTest {
    private static OptionSpec option(String command, String name) {
        return Acumat.commandLine().getSubcommands().get(command).getCommandSpec().findOption(name);
    }

    @Test
    void theVariableIsTheOptionsNameInCapitals() {
        assertThat(OptionDefaults.variable("pitch-mm")).isEqualTo("ACUMAT_PITCH_MM");
        assertThat(OptionDefaults.variable("kafka")).isEqualTo("ACUMAT_KAFKA");
        assertThat(OptionDefaults.name(option("gateway", "--spool-max-mb"))).isEqualTo("spool-max-mb");
    }

    @Test
    void theVariableWinsOverTheFileAndTheFileOverNothing() {
        OptionSpec spoolMaxMb = option("gateway", "--spool-max-mb");
        OptionSpec kafka = option("gateway", "--kafka");
        OptionDefaults both = new OptionDefaults(Map.of("ACUMAT_SPOOL_MAX_MB", "64"),
                Map.of("spool-max-mb", "128", "kafka", "k1:9092"));
        assertThat(both.defaultValue(spoolMaxMb)).isEqualTo("64");
        assertThat(both.defaultValue(kafka)).isEqualTo("k1:9092");
        // Neither: null, so picocli takes the option's own default.
        assertThat(new OptionDefaults(Map.of(), Map.of()).defaultValue(spoolMaxMb)).isNull();
    }

    @Test
    void helpAndVersionTakeNothingFromOutside() {
        OptionDefaults everything = new OptionDefaults(Map.of("ACUMAT_HELP", "true", "ACUMAT_VERSION", "true"),
                Map.of("help", "true", "version", "true"));
        assertThat(everything.defaultValue(option("gateway", "--help"))).isNull();
        assertThat(everything.defaultValue(option("gateway", "--version"))).isNull();
    }

    @Test
    void aVariableReachesTheCommand() {
        CommandLine cl = Acumat.commandLine();
        cl.setDefaultValueProvider(new OptionDefaults(Map.of("ACUMAT_SPOOL_MAX_MB", "64"), Map.of()));
        CommandLine gateway = cl.getSubcommands().get("gateway");
        cl.parseArgs("gateway", "--serial", "/dev/null", "--kafka", "k1:9092");
        assertThat(gateway.getCommandSpec().findOption("--spool-max-mb").<Long>getValue()).isEqualTo(64L);
    }
}
