package dev.acumat.analytics.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the {@code Host} and {@code Origin} headers of a request say, read without any DNS
 * lookup: whether a Host names this machine's loopback, and whether an Origin is the Host.
 */
final class LocalNames {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private LocalNames() {
    }

    /** A host and port, the host in lower case (IPv6 in brackets), the port -1 when not given. */
    record Authority(String host, int port) {
    }

    /**
     * Whether a Host header names the loopback: {@code localhost} (and {@code *.localhost}), a
     * 127.x.y.z or {@code [::1]} literal, or the name the server was told to listen on.
     */
    static boolean isLocal(String hostHeader, String bindHost) {
        Authority a = parseHost(hostHeader);
        if (a == null) {
            return false;
        }
        String host = a.host();
        String bind = bindHost.toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.endsWith(".localhost") || IPV4_LOOPBACK.matcher(host).matches()
                || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]") || host.equals(bind)
                || host.equals("[" + bind + "]");
    }

    /** Whether an Origin header ({@code http://host:port}) names the same host and port as a Host header. */
    static boolean sameAuthority(String origin, String hostHeader) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawPath() != null
                && !uri.getRawPath().isEmpty() || uri.getRawUserInfo() != null) {
            return false;
        }
        Authority host = parseHost(hostHeader);
        if (host == null) {
            return false;
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        int hostPort = host.port() < 0 ? defaultPort : host.port();
        return uri.getHost().toLowerCase(Locale.ROOT).equals(host.host()) && originPort == hostPort;
    }

    /** A Host header's host and port, or null when it is missing or malformed. */
    static Authority parseHost(String header) {
        if (header == null || header.isEmpty() || header.length() > 255) {
            return null;
        }
        String h = header.toLowerCase(Locale.ROOT);
        String host;
        String port;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = h.substring(0, end + 1);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return null;
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = h.indexOf(':');
            host = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? null : h.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]")) {
            return null;
        }
        if (port == null) {
            return new Authority(host, -1);
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            return null;
        }
        return new Authority(host, Integer.parseInt(port));
    }
}
