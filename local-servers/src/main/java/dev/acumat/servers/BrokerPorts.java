package dev.acumat.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback ports of a {@link LocalKafka}: choosing free ones, reusing those kept in the data
 * directory's state file ({@code local-kafka.properties}, which also keeps the cluster id), and
 * recognising a broker that died because a port was taken.
 */
final class BrokerPorts {
    /** The only interface the broker listens on. */
    static final InetAddress LOOPBACK = loopback();

    /** Kafka's message when a listener cannot bind. */
    private static final Pattern BIND_FAILURE = Pattern.compile("failed to bind to [^\\s:]+:(\\d+)");

    private BrokerPorts() {
    }

    /** {@code 127.0.0.1:PORT}. */
    static String address(int port) {
        return LOOPBACK.getHostAddress() + ":" + port;
    }

    // ---------------------------------------------------------------- state file

    private static Path stateFile(Path dataDir) {
        return dataDir.resolve("local-kafka.properties");
    }

    /** The state kept in {@code dataDir}; empty when there is none yet. */
    static Properties loadState(Path dataDir) throws IOException {
        Properties state = new Properties();
        Path file = stateFile(dataDir);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return state;
    }

    /** The cluster id kept in the state, or null. */
    static String savedClusterId(Properties state) {
        return state.getProperty("cluster.id");
    }

    /** Replaces the state file atomically. */
    static void saveState(Path dataDir, int port, int controllerPort, String clusterId) throws IOException {
        Properties state = new Properties();
        state.setProperty("port", Integer.toString(port));
        state.setProperty("controller.port", Integer.toString(controllerPort));
        state.setProperty("cluster.id", clusterId);
        Path file = stateFile(dataDir);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            state.store(out, "acumat LocalKafka: ports reused by the next start when free");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // ---------------------------------------------------------------- choosing

    /**
     * {client port, controller port}: explicit ones from the options; else the ones kept in the
     * data directory when they are still free (unless {@code fresh}); else free ones.
     */
    static int[] choose(LocalKafka.Options options, Properties state, boolean fresh) throws IOException {
        Set<Integer> taken = new HashSet<>();
        int port = options.port();
        if (port == 0) {
            port = fresh ? 0 : reusable(state.getProperty("port"), taken);
            if (port == 0) {
                port = freePort(Set.of(options.controllerPort()));
            }
        }
        taken.add(port);
        int controllerPort = options.controllerPort();
        if (controllerPort == 0) {
            controllerPort = fresh ? 0 : reusable(state.getProperty("controller.port"), taken);
            if (controllerPort == 0) {
                controllerPort = freePort(taken);
            }
        }
        if (port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort are both " + port);
        }
        return new int[] {port, controllerPort};
    }

    private static int reusable(String saved, Set<Integer> taken) {
        if (saved == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(saved.trim());
            return port > 0 && port <= 65535 && !taken.contains(port) && isFree(port) ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** True if {@code 127.0.0.1:port} can be bound now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(Set<Integer> exclude) throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = socket.getLocalPort();
                if (!exclude.contains(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port on " + LOOPBACK.getHostAddress());
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- clashes

    /**
     * The failure for a broker that exited during start-up: a {@link PortInUseException} when
     * its log ({@code logTail}) says a port was taken, else a plain {@link IOException}.
     */
    static IOException startUpFailure(String message, String logTail) {
        Matcher bind = BIND_FAILURE.matcher(logTail);
        if (bind.find()) {
            return new PortInUseException(message, Integer.parseInt(bind.group(1)));
        }
        if (logTail.contains("Address already in use")) {
            return new PortInUseException(message, 0);
        }
        return new IOException(message);
    }

    /** Start-up failed because a port was taken; {@code port} is 0 when the log does not say which. */
    static final class PortInUseException extends IOException {
        final int port;

        PortInUseException(String message, int port) {
            super(message);
            this.port = port;
        }
    }
}
