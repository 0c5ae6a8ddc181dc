package dev.acumat.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The ports a local server chose, kept in a properties file in its data directory so that a
 * restart always, and a later run when they are still free, comes up on the same address (and
 * what else the server keeps there, such as Kafka's cluster id).
 */
final class PortFile {
    private final Path file;
    private final List<String> portKeys;
    private final String comment;
    private final Properties state;
    private final Map<String, String> kept = new LinkedHashMap<>();

    private PortFile(Path file, List<String> portKeys, String comment, Properties state) {
        this.file = file;
        this.portKeys = portKeys;
        this.comment = comment;
        this.state = state;
    }

    /**
     * The state in {@code file}, empty when there is none yet; {@code portKeys} name the ports in
     * order, {@code comment} heads the file.
     */
    static PortFile load(Path file, List<String> portKeys, String comment) throws IOException {
        Properties state = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return new PortFile(file, List.copyOf(portKeys), comment, state);
    }

    /** A value kept beside the ports, or null. */
    String get(String key) {
        return state.getProperty(key);
    }

    /** Keeps {@code value} beside the ports from the next {@link #save} on. */
    void keep(String key, String value) {
        kept.put(key, value);
    }

    /**
     * One port per key: the fixed one where {@code fixed} has one (not 0); else the one kept here
     * when it is still free (unless {@code fresh}: the previous attempt lost a race for it); else a
     * free one. No two are the same.
     */
    int[] choose(int[] fixed, boolean fresh) throws IOException {
        Set<Integer> taken = new HashSet<>();
        for (int port : fixed) {
            taken.add(port);
        }
        int[] ports = new int[fixed.length];
        for (int i = 0; i < fixed.length; i++) {
            int port = fixed[i];
            if (port == 0) {
                port = fresh ? 0 : reusable(state.getProperty(portKeys.get(i)), taken);
                if (port == 0) {
                    port = LoopbackPorts.freePort(taken);
                }
            }
            taken.add(port);
            ports[i] = port;
        }
        return ports;
    }

    /** Replaces the file atomically with {@code ports} (in key order) and the values kept. */
    void save(int[] ports) throws IOException {
        Properties next = new Properties();
        for (int i = 0; i < ports.length; i++) {
            next.setProperty(portKeys.get(i), Integer.toString(ports[i]));
        }
        kept.forEach(next::setProperty);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            next.store(out, comment);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int reusable(String saved, Set<Integer> taken) {
        if (saved == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(saved.trim());
            return port > 0 && port <= 65535 && !taken.contains(port) && LoopbackPorts.isFree(port) ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
