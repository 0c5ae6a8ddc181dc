package dev.acumat.analytics.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The rule for where the web server may listen: on a loopback address (127.0.0.0/8, ::1,
 * {@code localhost}) with or without a token; anywhere else only with one, because anyone on the
 * network would otherwise read every mat's history and watch it live.
 */
public final class BindAddress {
    private BindAddress() {
    }

    /**
     * Refuses a non-loopback {@code host} without a token.
     *
     * @param option the option that gave the host, for the message
     * @throws IllegalArgumentException naming {@code option}
     */
    public static void check(String option, String host, AccessToken token) {
        if (token == null && !isLoopback(option, host)) {
            throw new IllegalArgumentException(option + ": " + host + " is not a loopback address, so the web server"
                    + " needs an access token: set ACUMAT_HTTP_TOKEN or --http-token-file FILE (docs/WEB.md)");
        }
    }

    /** Whether {@code host} is a loopback address, as Jetty would resolve it to listen. */
    static boolean isLoopback(String option, String host) {
        if (host == null || host.isBlank()) {
            return false;  // Jetty listens on every interface then
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": unknown host " + host);
        }
    }
}
