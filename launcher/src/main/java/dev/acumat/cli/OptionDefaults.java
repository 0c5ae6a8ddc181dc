package dev.acumat.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Where an option not on the command line takes its value: its environment variable, else its
 * line in the configuration file ({@link ConfigFile}), else its {@code @Option}'s own default.
 * Both names follow from the option's: {@code --pitch-mm} is {@code ACUMAT_PITCH_MM} and
 * {@code pitch-mm = ...}; this is the one place that spells the rule, so no option spells its
 * variable. Installed as picocli's default provider, which picocli asks before an option's own
 * default (and {@code --help}'s {@code Default:} shows what it answers).
 */
final class OptionDefaults implements CommandLine.IDefaultValueProvider {
    /** What every variable of an option starts with. */
    static final String PREFIX = "ACUMAT_";

    private final Map<String, String> env;
    private final Map<String, String> file;

    /**
     * @param env  the process's environment
     * @param file the configuration file's values by option name without dashes; empty without a file
     */
    OptionDefaults(Map<String, String> env, Map<String, String> file) {
        this.env = env;
        this.file = file;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        String name = name(arg);
        if (name == null) {
            return null;
        }
        String fromEnv = env.get(variable(name));
        return fromEnv != null ? fromEnv : file.get(name);
    }

    /**
     * An option's name as the file has it ({@code pitch-mm}); null for what takes no default from
     * outside: positional parameters, {@code --help}, {@code --version}, short-only options.
     */
    static String name(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec option) || option.usageHelp() || option.versionHelp()
                || !option.longestName().startsWith("--")) {
            return null;
        }
        return option.longestName().substring(2);
    }

    /** {@code pitch-mm} to {@code ACUMAT_PITCH_MM}. */
    static String variable(String option) {
        return PREFIX + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
