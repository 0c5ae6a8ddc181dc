package dev.acumat.cli;

/** A {@code HOST:PORT} option, checked: the host non-empty, the port 0..65535 (0 = any free one). */
record HostPort(String host, int port) {
    static HostPort parse(String option, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(option + " must be HOST:PORT, e.g. 127.0.0.1:8080, got '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + ": the port must be 0..65535, got '" + value.substring(colon + 1) + "'");
        }
        return new HostPort(host, port);
    }

    /** {@link #parse} for an option that may be left out: null when {@code value} is null or blank. */
    static HostPort parseIfGiven(String option, String value) {
        return value == null || value.isBlank() ? null : parse(option, value);
    }

    /** A host as it goes into a URL: IPv6 literals in brackets. */
    static String forUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
