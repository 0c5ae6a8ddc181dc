package dev.acumat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every {@code acumat} subcommand has: its picocli spec, and its usage errors, which
 * {@link Acumat} prints as one line naming the command, with exit code 2.
 */
abstract class Subcommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A usage error with {@code message} as it is. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A configuration's error as a usage error, the settings it names said as their flags ({@link SettingFlags}). */
    CommandLine.ParameterException settingError(IllegalArgumentException e) {
        return SettingFlags.usageError(spec.commandLine(), e);
    }
}
