package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The configuration file: its values are defaults under the flags, and a mistake in it is named. */
class ConfigFileTest {
    @TempDir
    Path dir;

    private String run(Path config, String... args) {
        CommandLine cl = Acumat.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        cl.execute(ConfigFile.apply(cl, all));
        return err.toString().strip();
    }

    @Test
    void theFileGivesDefaultsThatFlagsOverride() throws IOException {
        Path config = Files.writeString(dir.resolve("acumat.properties"),
                "# the team's settings\ninflux = http://127.0.0.1:1\ndb = not valid;\n");
        assertThat(run(config, "analytics", "--kafka", "127.0.0.1:9")).contains("--db must be letters");
        assertThat(run(config, "analytics", "--kafka", "127.0.0.1:9", "--db", "ok;no"))
                .contains("'ok;no'").doesNotContain("not valid");
    }

    @Test
    void anUnknownOptionInTheFileIsNamed() throws IOException {
        Path config = Files.writeString(dir.resolve("acumat.properties"), "kafak = x:1\n");
        CommandLine cl = Acumat.commandLine();
        assertThatThrownBy(() -> ConfigFile.apply(cl, new String[] {"--config", config.toString(), "gateway"}))
                .hasMessageContaining("unknown option 'kafak'");
    }

    @Test
    void aMissingConfigFileGivenExplicitlyIsAnError() {
        CommandLine cl = Acumat.commandLine();
        assertThatThrownBy(() -> ConfigFile.apply(cl, new String[] {"--config", dir.resolve("nope").toString()}))
                .hasMessageContaining("--config: no such file");
    }
}
