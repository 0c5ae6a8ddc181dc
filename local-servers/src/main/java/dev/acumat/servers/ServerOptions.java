package dev.acumat.servers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks both servers' {@code Options} make alike: a pair of loopback ports, the start-up
 * bound, and extra settings that may not touch what the server itself manages.
 */
final class ServerOptions {
    private ServerOptions() {
    }

    /** Each port in 0..65535 (0 = pick one), and the two not the same fixed port. */
    static void checkPorts(int port, String portName, int otherPort, String otherName) {
        checkPort(port, portName);
        checkPort(otherPort, otherName);
        if (port != 0 && port == otherPort) {
            throw new IllegalArgumentException(portName + " and " + otherName + " must differ: " + port);
        }
    }

    private static void checkPort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }

    /** The bound on start-up: present and positive. */
    static void checkStartTimeout(Duration startTimeout) {
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
        }
    }

    /**
     * A copy of {@code extraConfig}, refused when it sets one of {@code managedKeys}.
     *
     * @param server the class that sets the managed keys, named in the error
     */
    static Map<String, String> extraConfig(Map<String, String> extraConfig, Set<String> managedKeys, String server) {
        Map<String, String> copy = Map.copyOf(extraConfig);
        List<String> managed = new ArrayList<>();
        for (String key : copy.keySet()) {
            if (managedKeys.contains(key.trim())) {
                managed.add(key);
            }
        }
        if (!managed.isEmpty()) {
            throw new IllegalArgumentException("extraConfig may not set " + managed + ": " + server + " sets them");
        }
        return copy;
    }
}
