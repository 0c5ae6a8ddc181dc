package dev.acumat.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The optional configuration file: {@code option = value} lines (option names without their
 * dashes, e.g. {@code kafka = 10.0.0.5:9092}, {@code pitch-mm = 28}), for every command that has
 * the option. Flags win over environment variables, which win over the file, which wins over
 * the built-in defaults. The file is {@code --config FILE}, else {@code ACUMAT_CONFIG}, else
 * {@code acumat.properties} in the data directory if it exists. An unknown option in it is an
 * error that names it. {@link OptionDefaults} puts its values under the environment's.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /** Reads the file (if any), installs it on {@code cl}, and returns the arguments without {@code --config FILE}. */
    static String[] apply(CommandLine cl, String[] args) {
        List<String> rest = new ArrayList<>();
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                file = Path.of(args[i].substring("--config=".length()));
            } else {
                rest.add(args[i]);
            }
        }
        boolean explicit = file != null;
        String fromEnv = System.getenv(OptionDefaults.variable("config"));
        if (file == null && fromEnv != null) {
            file = Path.of(fromEnv);
            explicit = true;
        }
        if (file == null) {
            file = Paths.dataDir().resolve("acumat.properties");
        }
        if (!Files.exists(file)) {
            if (explicit) {
                throw new CommandLine.ParameterException(cl, "--config: no such file: " + file);
            }
            return rest.toArray(new String[0]);
        }
        cl.setDefaultValueProvider(new OptionDefaults(System.getenv(), read(cl, file)));
        return rest.toArray(new String[0]);
    }

    private static Map<String, String> read(CommandLine cl, Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, "--config: cannot read " + file + ": " + Acumat.describe(e));
        }
        Set<String> known = new TreeSet<>();
        collect(cl, known);
        Map<String, String> values = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String name = key.strip();
            if (!known.contains(name)) {
                throw new CommandLine.ParameterException(cl, "config file " + file + ": unknown option '" + name
                        + "'; options are named as on the command line without their dashes, e.g. kafka, pitch-mm");
            }
            values.put(name, p.getProperty(key).strip());
        }
        return values;
    }

    private static void collect(CommandLine cl, Set<String> names) {
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            String name = OptionDefaults.name(o);
            if (name != null) {
                names.add(name);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub, names);
        }
    }
}
