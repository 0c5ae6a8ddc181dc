package dev.acumat.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ports of a {@link LocalInflux} (HTTP and RPC, both on 127.0.0.1): picked free, kept in
 * {@code local-influx.properties} in the data directory so that restarts and later runs reuse
 * them, and recognised in influxd's log when it could not bind one.
 */
final class InfluxPorts {
    /** influxd 1.x: {@code listen tcp 127.0.0.1:8086: bind: address already in use}. */
    private static final Pattern BIND_FAILURE =
            Pattern.compile("listen tcp [^\\s]*:(\\d+): bind: address already in use");

    private InfluxPorts() {
    }

    private static Path stateFile(Path dataDir) {
        return dataDir.resolve("local-influx.properties");
    }

    static Properties load(Path dataDir) throws IOException {
        Properties state = new Properties();
        Path file = stateFile(dataDir);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return state;
    }

    /** Replaces the state file atomically. */
    static void save(Path dataDir, int httpPort, int rpcPort) throws IOException {
        Properties state = new Properties();
        state.setProperty("http.port", Integer.toString(httpPort));
        state.setProperty("rpc.port", Integer.toString(rpcPort));
        Path file = stateFile(dataDir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            state.store(out, "acumat LocalInflux: ports reused by the next start when free");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * {http port, rpc port}: fixed ones from the options; else those kept in the state when still
     * free (unless {@code fresh}: the previous attempt lost a race for them); else free ones.
     */
    static int[] choose(LocalInflux.Options options, Properties state, boolean fresh) throws IOException {
        Set<Integer> taken = new HashSet<>();
        taken.add(options.rpcPort());
        int http = options.port();
        if (http == 0) {
            http = fresh ? 0 : reusable(state.getProperty("http.port"), taken);
            if (http == 0) {
                http = freePort(taken);
            }
        }
        taken.add(http);
        int rpc = options.rpcPort();
        if (rpc == 0) {
            rpc = fresh ? 0 : reusable(state.getProperty("rpc.port"), taken);
            if (rpc == 0) {
                rpc = freePort(taken);
            }
        }
        return new int[] {http, rpc};
    }

    private static int reusable(String saved, Set<Integer> taken) {
        if (saved == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(saved.trim());
            return port > 0 && port <= 65535 && !taken.contains(port) && BrokerPorts.isFree(port) ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort(Set<Integer> exclude) throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(BrokerPorts.LOOPBACK, 0));
                int port = socket.getLocalPort();
                if (!exclude.contains(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port on " + BrokerPorts.LOOPBACK.getHostAddress());
    }

    /**
     * The failure for an influxd that exited during start-up: a
     * {@link BrokerPorts.PortInUseException} when its log says a port was taken.
     */
    static IOException startUpFailure(String message, String logTail) {
        Matcher bind = BIND_FAILURE.matcher(logTail);
        if (bind.find()) {
            return new BrokerPorts.PortInUseException(message, Integer.parseInt(bind.group(1)));
        }
        return new IOException(message);
    }
}
