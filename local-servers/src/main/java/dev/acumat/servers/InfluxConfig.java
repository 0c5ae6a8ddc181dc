package dev.acumat.servers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code influxdb.conf} (TOML) that {@link LocalInflux} writes for {@code influxd} 1.x: every
 * listener on 127.0.0.1, every directory under the data directory, nothing sent home.
 *
 * <p>Settings are {@code SECTION.KEY} (or a bare {@code KEY} for the top level) with raw TOML
 * values ({@code true}, {@code 42}, {@code "10s"}), so {@link LocalInflux.Options#extraConfig()}
 * can add any influxd setting without this class knowing them all.
 */
final class InfluxConfig {
    /** Settings LocalInflux owns: listeners, directories and authentication. */
    static final Set<String> MANAGED_KEYS = Set.of(
            "bind-address", "meta.dir", "data.dir", "data.wal-dir", "http.bind-address", "http.auth-enabled",
            "http.unix-socket-enabled", "http.https-enabled");

    private InfluxConfig() {
    }

    /**
     * The config text: the defaults below, then {@code extra} (which may override the defaults
     * that are not {@link #MANAGED_KEYS}).
     */
    static String text(int httpPort, int rpcPort, Path dataDir, boolean authEnabled, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Influx's default is to phone home (usage statistics): never from a test or a demo.
        settings.put("reporting-disabled", "true");
        // The RPC (backup/restore) listener: the stock 8088 would clash with a second instance.
        settings.put("bind-address", quoted(LoopbackPorts.address(rpcPort)));
        settings.put("meta.dir", quoted(dataDir.resolve("meta").toString()));
        settings.put("meta.retention-autocreate", "true");
        settings.put("data.dir", quoted(dataDir.resolve("data").toString()));
        settings.put("data.wal-dir", quoted(dataDir.resolve("wal").toString()));
        // One log line per query buries the useful lines of a long demo run.
        settings.put("data.query-log-enabled", "false");
        // The _internal monitoring database costs a write every 10 s and disk nobody reads here.
        settings.put("monitor.store-enabled", "false");
        settings.put("subscriber.enabled", "false");
        settings.put("http.enabled", "true");
        settings.put("http.bind-address", quoted(LoopbackPorts.address(httpPort)));
        settings.put("http.auth-enabled", Boolean.toString(authEnabled));
        // Access logs would add a line per write request (several a second in a demo).
        settings.put("http.log-enabled", "false");
        settings.put("http.pprof-enabled", "false");
        settings.put("http.unix-socket-enabled", "false");
        settings.put("http.https-enabled", "false");
        settings.put("logging.format", quoted("logfmt"));
        settings.put("logging.level", quoted("info"));
        settings.put("logging.suppress-logo", "true");
        settings.put("continuous_queries.enabled", "true");
        settings.putAll(extra);
        return render(settings);
    }

    /** Groups {@code SECTION.KEY} settings into TOML tables; bare keys stay at the top. */
    private static String render(Map<String, String> settings) {
        StringBuilder top = new StringBuilder("# Written by acumat LocalInflux on every start: edits are lost.\n");
        Map<String, StringBuilder> sections = new TreeMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey().trim();
            int dot = key.indexOf('.');
            String line = (dot < 0 ? key : key.substring(dot + 1)) + " = " + e.getValue().trim() + "\n";
            if (dot < 0) {
                top.append(line);
            } else {
                sections.computeIfAbsent(key.substring(0, dot), s -> new StringBuilder()).append("  ").append(line);
            }
        }
        for (Map.Entry<String, StringBuilder> section : sections.entrySet()) {
            top.append("\n[").append(section.getKey()).append("]\n").append(section.getValue());
        }
        return top.toString();
    }

    /** A TOML basic string. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
