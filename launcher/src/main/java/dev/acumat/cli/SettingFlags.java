package dev.acumat.cli;

import dev.acumat.analytics.AnalyticsConfig;
import dev.acumat.analytics.influx.InfluxEndpoint;
import dev.acumat.gateway.GatewayConfig;
import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.MatLayoutOverride;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one place that says which flag gives which setting. The configurations ({@link GatewayConfig},
 * {@link InputConfig}, {@link MatLayoutOverride}, {@link AnalyticsConfig}, {@link InfluxEndpoint}) word their errors in their
 * settings' names, e.g. {@code spool.fsync}; a command-line user reads the flag,
 * {@code --spool-fsync}. A flag's environment variable and configuration-file key follow from
 * the flag ({@link OptionDefaults}).
 */
final class SettingFlags {
    private static final Map<String, String> FLAGS = flags();
    /** A setting's name as a word of its own: not part of a longer name, a path or a URL. */
    private static final Pattern SETTING = Pattern.compile("(?<![\\w.\\-/:@])("
            + String.join("|", FLAGS.keySet().stream().map(Pattern::quote).toList()) + ")(?![\\w\\-/]|\\.\\w)");

    private SettingFlags() {
    }

    private static Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(GatewayConfig.SERIAL_PORT, "--serial");
        f.put(GatewayConfig.SERIAL_BAUD, "--baud");
        f.put(GatewayConfig.SILENCE_TIMEOUT, "--silence-timeout");
        f.put(GatewayConfig.RECONNECT_MAX, "--reconnect-max");
        f.put(GatewayConfig.KAFKA_BOOTSTRAP, "--kafka");  // AnalyticsConfig.KAFKA_BOOTSTRAP is the same name
        f.put(GatewayConfig.KAFKA_PARTITIONS, "--partitions");
        f.put(GatewayConfig.SPOOL_DIR, "--spool");
        f.put(GatewayConfig.SPOOL_MAX_MB, "--spool-max-mb");
        f.put(GatewayConfig.SPOOL_FSYNC, "--spool-fsync");
        f.put(GatewayConfig.MAT_ID, "--mat-id");
        f.put(GatewayConfig.HEALTH_INTERVAL, "--health-interval");
        f.put(InputConfig.FORMAT, "--input");
        f.put(InputConfig.ROWS, "--rows");
        f.put(InputConfig.COLS, "--cols");
        f.put(InputConfig.PITCH_MM, "--pitch-mm");
        f.put(InputConfig.ADC_BITS, "--adc-bits");
        f.put(InputConfig.INVERT, "--invert");
        f.put(MatLayoutOverride.CELL_ORDER, "--cell-order");
        f.put(MatLayoutOverride.LAYOUT, "--mat-layout");
        f.put(InfluxEndpoint.URL, "--influx");
        f.put(InfluxEndpoint.DATABASE, "--db");
        f.put(AnalyticsConfig.STATE_DIR, "--state-dir");
        f.put(AnalyticsConfig.THREADS, "--threads");
        f.put(AnalyticsConfig.STATE_MEMORY_MB, "--state-memory-mb");
        f.put(AnalyticsConfig.WEB_ADDRESS, "--http");
        return Collections.unmodifiableMap(f);
    }

    /** Every setting a flag gives, and the flag, in the order of the docs' tables. */
    static Map<String, String> all() {
        return FLAGS;
    }

    /** The flag that gives {@code setting}. */
    static String flag(String setting) {
        String flag = FLAGS.get(setting);
        if (flag == null) {
            throw new IllegalArgumentException("no flag gives the setting " + setting);
        }
        return flag;
    }

    /** {@code message} with each setting it names said as its flag. */
    static String inFlags(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = SETTING.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(FLAGS.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A configuration's error as the command line's one line: the flags named, exit code 2. */
    static CommandLine.ParameterException usageError(CommandLine commandLine, IllegalArgumentException e) {
        return new CommandLine.ParameterException(commandLine, inFlags(e.getMessage()));
    }
}
