package dev.acumat.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback ports the local servers listen on: probing and picking free ones, and recognising
 * a server that died because another process took one.
 */
final class LoopbackPorts {
    /** The only interface the local servers listen on. */
    static final InetAddress LOOPBACK = loopback();

    private LoopbackPorts() {
    }

    /** {@code 127.0.0.1:PORT}. */
    static String address(int port) {
        return LOOPBACK.getHostAddress() + ":" + port;
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

    /** A port that is free now and not in {@code exclude}. */
    static int freePort(Set<Integer> exclude) throws IOException {
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

    /**
     * The failure for a server that exited during start-up: a {@link PortInUseException} when its
     * log ({@code logTail}) says a port was taken ({@code bindFailure}'s group 1 is the port; a bare
     * "Address already in use" names none), else a plain {@link IOException}.
     */
    static IOException startUpFailure(String message, String logTail, Pattern bindFailure) {
        Matcher bind = bindFailure.matcher(logTail);
        if (bind.find()) {
            return new PortInUseException(message, Integer.parseInt(bind.group(1)));
        }
        if (logTail.contains("Address already in use")) {
            return new PortInUseException(message, 0);
        }
        return new IOException(message);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
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
