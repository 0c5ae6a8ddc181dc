package dev.acumat.analytics.influx;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Where the sink writes: the server's base URL (the setting {@value #URL}), the database
 * ({@value #DATABASE}, default {@value #DEFAULT_DATABASE}) and the credentials, if any. An error
 * names the setting; the launcher says the flag instead.
 *
 * @param url the HTTP(S) base URL, e.g. {@code http://127.0.0.1:8086}; may have a path (a
 *     reverse proxy), no user info (credentials come from the environment) and no query
 * @param database the database name: letters, digits and underscores only
 * @param credentials null for none
 */
public record InfluxEndpoint(URI url, String database, InfluxCredentials credentials) {
    /** The setting of the base URL. */
    public static final String URL = "influx.url";
    /** The setting of the database. */
    public static final String DATABASE = "influx.db";
    public static final String DEFAULT_DATABASE = "acumat";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]+");

    public InfluxEndpoint {
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException(URL + " must be an http:// or https:// URL: " + safe(url));
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException(URL + " has no host: " + safe(url));
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(URL + " must not carry credentials: set "
                    + InfluxCredentials.USER_VARIABLE + " and " + InfluxCredentials.PASSWORD_VARIABLE + " instead");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(URL + " takes a base URL without ?query or #fragment: " + safe(url));
        }
        // One form, so "URL + /write" never doubles a slash.
        url = URI.create(url.toString().replaceAll("/+$", ""));
        checkDatabase(database);
    }

    /** {@code url} and {@code database}, credentials from the environment ({@link InfluxCredentials}). */
    public static InfluxEndpoint of(String url, String database) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(URL + " is not a URL: " + url);
        }
        Optional<InfluxCredentials> credentials = InfluxCredentials.fromEnvironment();
        return new InfluxEndpoint(uri, database, credentials.orElse(null));
    }

    /**
     * Checks a database name. Only {@code [A-Za-z0-9_]+} is accepted: the name goes into InfluxQL
     * statements as a quoted identifier (identifiers cannot be bound parameters), and a narrow
     * alphabet keeps it the same name on 1.x, in 2.x DBRP mappings and in 3.x.
     *
     * @throws IllegalArgumentException naming {@value #DATABASE}
     */
    public static String checkDatabase(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(DATABASE + " must be letters, digits and underscores ([A-Za-z0-9_]+): "
                    + (database == null ? "none given" : "'" + database + "'"));
        }
        return database;
    }

    /**
     * An influxdb-java client for queries and setup (the writes go through {@link InfluxWriter}).
     * Closing it is the caller's business.
     */
    public InfluxDB connect() {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS)
                .writeTimeout(60, TimeUnit.SECONDS);
        String base = url.toString() + "/";
        InfluxDB influx = credentials == null
                ? InfluxDBFactory.connect(base, http)
                : InfluxDBFactory.connect(base, credentials.user(), credentials.password(), http);
        influx.setLogLevel(InfluxDB.LogLevel.NONE);
        return influx;
    }

    /**
     * Whether InfluxDB runs on this machine: the host is {@code localhost} or a loopback address
     * literal. Names are not resolved, so this never waits for DNS.
     */
    public boolean isLoopback() {
        String host = url.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (literal.equals("::1") || literal.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return literal.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    @Override
    public String toString() {
        return "InfluxEndpoint[" + url + ", db=" + database + (credentials == null ? "" : ", with credentials") + "]";
    }

    private static String safe(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }
}
