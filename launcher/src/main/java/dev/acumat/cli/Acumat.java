package dev.acumat.cli;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

/** The {@code acumat} command: one entry point, a subcommand per part of the system. */
@Command(name = "acumat", mixinStandardHelpOptions = true, versionProvider = Acumat.Version.class,
        description = "Open software for a pressure-sensing acupressure mat: firmware protocol, serial gateway,"
                + " analytics, live heatmap and session history.",
        subcommands = {DemoCommand.class, RunCommand.class, SimulateCommand.class, GatewayCommand.class, AnalyticsCommand.class,
                AnalyzeCommand.class, TrainPostureCommand.class, HistoryCommand.class, ExportCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Every option also reads an environment variable: ACUMAT_ and the option's name in capitals,"
                + " dashes as underscores (--pitch-mm: ACUMAT_PITCH_MM), and then a configuration file of"
                + " 'option = value' lines: --config FILE, ACUMAT_CONFIG, or acumat.properties in the data directory.",
                "Flags win over the environment, the environment over the file. Set ACUMAT_DEBUG=1 to see stack"
                + " traces."})
public final class Acumat implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    public static void main(String[] args) {
        // Every meter of the process (gateway, analytics) scraped as Prometheus text from one place.
        Metrics.addRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        CommandLine cl = commandLine();
        String[] rest;
        try {
            rest = ConfigFile.apply(cl, args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("acumat: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(cl.execute(rest));
    }

    /** The command line with acumat's error handling: exit 0 done, 1 failed, 2 bad usage. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Acumat());
        cl.setDefaultValueProvider(new OptionDefaults(System.getenv(), Map.of()));
        cl.setParameterExceptionHandler(usageError());
        cl.setExecutionExceptionHandler(failure());
        return cl;
    }

    /** A bad option gets one line naming it, and the pointer to --help. */
    private static IParameterExceptionHandler usageError() {
        return (ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        };
    }

    /** A failure gets one line; the stack trace only when asked for. */
    private static IExecutionExceptionHandler failure() {
        return (ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex));
            if (System.getenv("ACUMAT_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        };
    }

    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + msg;
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + msg;
        }
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Acumat.class.getPackage().getImplementationVersion();
            return new String[] {"acumat " + (v == null ? "(development build)" : v)};
        }
    }
}
