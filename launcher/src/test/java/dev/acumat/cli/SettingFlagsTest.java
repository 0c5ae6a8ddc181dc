package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.analytics.AnalyticsConfig;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.gateway.GatewayConfig;
import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.MatLayoutOverride;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The configurations name settings; the command line names flags, mapped in one place. */
class SettingFlagsTest {
    @TempDir
    Path dir;

    private final CommandRun cli = new CommandRun();

    /** The settings' names a configuration declares: its String constants whose value has a dot. */
    private static List<String> settings(Class<?> config) throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field f : config.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && f.get(null) instanceof String s && s.matches("[a-z]+\\.[a-z-]+")) {
                names.add(s);
            }
        }
        return names;
    }

    @Test
    void everySettingHasAFlagThatTheCommandsHave() throws Exception {
        Set<String> flags = new TreeSet<>();
        for (CommandLine sub : Acumat.commandLine().getSubcommands().values()) {
            sub.getCommandSpec().options().forEach(o -> flags.add(o.longestName()));
        }
        List<String> settings = new ArrayList<>();
        for (Class<?> config : List.of(GatewayConfig.class, InputConfig.class, MatLayoutOverride.class,
                AnalyticsConfig.class, InfluxEndpoint.class)) {
            settings.addAll(settings(config));
        }
        assertThat(settings).hasSizeGreaterThan(20);
        for (String setting : settings) {
            assertThat(flags).as(setting).contains(SettingFlags.flag(setting));
        }
        assertThat(SettingFlags.all().keySet()).containsExactlyInAnyOrderElementsOf(new TreeSet<>(settings));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "spool.fsync must be always, interval or never, got 'x'|--spool-fsync must be always, interval or never, got 'x'",
            "mat.rows and mat.cols need mat.pitch-mm, the distance|--rows and --cols need --pitch-mm, the distance",
            "serial.port auto finds a mat; a text mat (mat.input csv) needs|--serial auto finds a mat; a text mat (--input csv) needs",
            "web.address: 0.0.0.0 is not a loopback address|--http: 0.0.0.0 is not a loopback address",
            "influx.url must be an http:// or https:// URL: ftp://influx.url|--influx must be an http:// or https:// URL: ftp://influx.url",
            "no setting in here: spool.fsyncs, my.spool.fsync, kafka.bootstrap.x|no setting in here: spool.fsyncs, my.spool.fsync, kafka.bootstrap.x",
            "end of a sentence: streams.threads.|end of a sentence: --threads."})
    void aMessageSaysTheFlagsOfItsSettings(String message, String said) {
        assertThat(SettingFlags.inFlags(message)).isEqualTo(said);
    }

    @Test
    void aSettingWithoutAFlagIsAMistakeOfTheCode() {
        assertThatThrownBy(() -> SettingFlags.flag("spool.segment-bytes")).hasMessageContaining("spool.segment-bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--spool-fsync sometimes|--spool-fsync must be always, interval or never, got 'sometimes'",
            "--spool-max-mb 8|--spool-max-mb must be 16..16777216, got 8",
            "--partitions 0|--partitions must be 1..10000, got 0",
            "--baud 12|--baud must be 300..12000000, got 12",
            "--cell-order sideways|--cell-order: 'sideways' is not a cell order step",
            "--mat-id bad/id|--mat-id must be 1..64 of A-Z a-z 0-9 . _ : -, got 'bad/id'",
            "--health-interval 100000|--health-interval must be in (0, 86400] seconds, got 100000.0",
            "--input csv --rows 4 --cols 4 --pitch-mm 25 --serial auto|--serial auto finds a mat by its answer to the"
                    + " acumat protocol; a text mat (--input csv) needs its port's path"})
    void theGatewaysMistakesNameTheFlag(String options, String message) {
        List<String> args = new ArrayList<>(List.of("gateway", "--kafka", "h:1", "--spool", dir.toString()));
        args.addAll(List.of(options.split(" ")));
        if (!args.contains("--serial")) {
            args.addAll(List.of("--serial", "/dev/ttyACM0"));
        }
        assertThat(cli.run(args.toArray(String[]::new))).isEqualTo(2);
        assertThat(cli.errorLine()).startsWith("acumat gateway: " + message).endsWith(" (see 'acumat gateway --help')");
    }

    @Test
    void theAnalyticsMistakesNameTheFlag() {
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1", "--threads",
                "65", "--state-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).isEqualTo("acumat analytics: --threads must be 1..64, got 65"
                + " (see 'acumat analytics --help')");
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "http://127.0.0.1:1",
                "--state-memory-mb", "8", "--state-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).isEqualTo("acumat analytics: --state-memory-mb must be 32..65536, got 8"
                + " (see 'acumat analytics --help')");
        assertThat(cli.run("analytics", "--influx", "http://127.0.0.1:1", "--state-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--kafka: give the bootstrap servers");
        assertThat(cli.run("analytics", "--kafka", "127.0.0.1:9092", "--influx", "ftp://127.0.0.1:1")).isEqualTo(2);
        assertThat(cli.errorLine()).contains("--influx must be an http:// or https:// URL: ftp://127.0.0.1:1");
    }

    @Test
    void runChecksTheMatsPortBeforeStartingAnything() {
        assertThat(cli.run("run", "--serial", "/dev/ttyACM0", "--baud", "12", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.errorLine()).isEqualTo("acumat run: --baud must be 300..12000000, got 12 (see 'acumat run --help')");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theHelpShowsTheConfigurationsDefaults() {
        assertThat(cli.run("gateway", "--help")).isZero();
        assertThat(cli.out.toString().replaceAll("\\s+", " ")).contains("Default: " + GatewayConfig.DEFAULT_SPOOL_MAX_MB + ".",
                "Default: " + GatewayConfig.DEFAULT_SPOOL_FSYNC + ".", "Default: " + GatewayConfig.DEFAULT_BAUD + ".",
                "Default: " + GatewayConfig.DEFAULT_PARTITIONS + ".");
    }
}
