package dev.acumat.analytics.influx;

import dev.acumat.analytics.secrets.SecretFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A user name and password for InfluxDB, read from the environment: {@value #USER_VARIABLE} and
 * {@value #PASSWORD_VARIABLE}, or instead of the latter {@value #PASSWORD_FILE_VARIABLE} naming a
 * file only its owner may read ({@link SecretFile}). On InfluxDB 2.x's and 3.x's v1 API: any user
 * name, and a token as the password. Never printed: {@link #toString()} shows neither, and no
 * message of this package contains them.
 */
public final class InfluxCredentials {
    public static final String USER_VARIABLE = "ACUMAT_INFLUX_USER";
    public static final String PASSWORD_VARIABLE = "ACUMAT_INFLUX_PASSWORD";
    public static final String PASSWORD_FILE_VARIABLE = "ACUMAT_INFLUX_PASSWORD_FILE";

    private final String user;
    private final String password;

    public InfluxCredentials(String user, String password) {
        if (user == null || user.isEmpty() || password == null) {
            throw new IllegalArgumentException("an InfluxDB user name and a password are both needed");
        }
        this.user = user;
        this.password = password;
    }

    /** From {@code System.getenv()}; see {@link #fromEnvironment(Map)}. */
    public static Optional<InfluxCredentials> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The credentials in {@code env}, or empty when neither variable is set (no authentication).
     *
     * @throws IllegalArgumentException when only one of them is set, when the password is given
     *     both ways, or when its file is refused ({@link SecretFile})
     */
    public static Optional<InfluxCredentials> fromEnvironment(Map<String, String> env) {
        String user = env.get(USER_VARIABLE);
        String password = env.get(PASSWORD_VARIABLE);
        String passwordFile = env.get(PASSWORD_FILE_VARIABLE);
        if (passwordFile != null && !passwordFile.isEmpty()) {
            if (password != null && !password.isEmpty()) {
                throw new IllegalArgumentException(PASSWORD_VARIABLE + " and " + PASSWORD_FILE_VARIABLE
                        + " are both set; give the password one way");
            }
            password = SecretFile.read(PASSWORD_FILE_VARIABLE, Path.of(passwordFile));
        }
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPassword = password != null && !password.isEmpty();
        if (!hasUser && !hasPassword) {
            return Optional.empty();
        }
        if (!hasUser || !hasPassword) {
            throw new IllegalArgumentException(USER_VARIABLE + " and " + PASSWORD_VARIABLE
                    + " (or " + PASSWORD_FILE_VARIABLE + ") go together: "
                    + (hasUser ? PASSWORD_VARIABLE : USER_VARIABLE) + " is not set");
        }
        return Optional.of(new InfluxCredentials(user, password));
    }

    public String user() {
        return user;
    }

    /** For influxdb-java's {@code InfluxDBFactory.connect}; not to be logged. */
    public String password() {
        return password;
    }

    /** The value of an HTTP {@code Authorization} header (Basic: InfluxDB 1.x, and the v1 API of 2.x and 3.x). */
    String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "InfluxCredentials[***]";
    }
}
