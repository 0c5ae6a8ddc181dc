package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxEndpointTest {
    @Test
    void acceptsOnlySimpleDatabaseNamesAndSaysWhichOption() {
        assertThat(InfluxEndpoint.checkDatabase("acumat_2")).isEqualTo("acumat_2");
        for (String bad : new String[] {"", "a b", "acumat\"; DROP DATABASE x", "a-b", "ä", "a.b"}) {
            assertThatThrownBy(() -> InfluxEndpoint.checkDatabase(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("influx.db ");
        }
        assertThatThrownBy(() -> InfluxEndpoint.checkDatabase(null)).hasMessageContaining("influx.db");
    }

    @Test
    void normalisesTheUrlAndRefusesCredentialsInIt() {
        assertThat(new InfluxEndpoint(URI.create("http://127.0.0.1:8086/"), "acumat", null).url())
                .hasToString("http://127.0.0.1:8086");
        assertThat(new InfluxEndpoint(URI.create("https://h/influx//"), "acumat", null).url())
                .hasToString("https://h/influx");
        assertThatThrownBy(() -> new InfluxEndpoint(URI.create("http://u:secret@h:8086"), "acumat", null))
                .hasMessageContaining("ACUMAT_INFLUX_USER").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new InfluxEndpoint(URI.create("ftp://h"), "acumat", null)).hasMessageContaining("influx.url");
        assertThatThrownBy(() -> new InfluxEndpoint(URI.create("http://h:1?db=x"), "acumat", null))
                .hasMessageContaining("influx.url");
    }

    @Test
    void compressesOnlyForAnInfluxElsewhere() {
        for (String local : new String[] {"http://127.0.0.1:8086", "http://localhost:8086", "http://[::1]:8086",
                "http://127.1.2.3"}) {
            InfluxEndpoint e = new InfluxEndpoint(URI.create(local), "acumat", null);
            assertThat(e.isLoopback()).as(local).isTrue();
            assertThat(InfluxWriter.Options.forEndpoint(e).gzip()).as(local).isFalse();
        }
        for (String remote : new String[] {"http://influx.example:8086", "https://10.0.0.5", "http://127.example"}) {
            InfluxEndpoint e = new InfluxEndpoint(URI.create(remote), "acumat", null);
            assertThat(e.isLoopback()).as(remote).isFalse();
            assertThat(InfluxWriter.Options.forEndpoint(e).gzip()).as(remote).isTrue();
        }
    }

    @Test
    void credentialsComeFromTheEnvironmentAndAreNeverShown() {
        assertThat(InfluxCredentials.fromEnvironment(Map.of())).isEmpty();
        InfluxCredentials c = InfluxCredentials.fromEnvironment(
                Map.of("ACUMAT_INFLUX_USER", "writer", "ACUMAT_INFLUX_PASSWORD", "hunter2")).orElseThrow();
        assertThat(c.user()).isEqualTo("writer");
        assertThat(c.authorizationHeader()).isEqualTo("Basic d3JpdGVyOmh1bnRlcjI=");
        assertThat(c.toString()).doesNotContain("writer").doesNotContain("hunter2");
        InfluxEndpoint endpoint = new InfluxEndpoint(URI.create("http://h:1"), "acumat", c);
        assertThat(endpoint.toString()).doesNotContain("writer").doesNotContain("hunter2");
        assertThatThrownBy(() -> InfluxCredentials.fromEnvironment(Map.of("ACUMAT_INFLUX_USER", "writer")))
                .hasMessageContaining("ACUMAT_INFLUX_PASSWORD is not set");
    }

    @Test
    void thePasswordMayComeFromAFileOnlyItsOwnerReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("influx-password");
        Files.writeString(file, "hunter2\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        InfluxCredentials c = InfluxCredentials.fromEnvironment(
                Map.of("ACUMAT_INFLUX_USER", "writer", "ACUMAT_INFLUX_PASSWORD_FILE", file.toString())).orElseThrow();
        assertThat(c.password()).isEqualTo("hunter2");
        assertThatThrownBy(() -> InfluxCredentials.fromEnvironment(Map.of("ACUMAT_INFLUX_USER", "writer",
                "ACUMAT_INFLUX_PASSWORD", "hunter2", "ACUMAT_INFLUX_PASSWORD_FILE", file.toString())))
                .hasMessageContaining("both set").hasMessageNotContaining("hunter2");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> InfluxCredentials.fromEnvironment(
                Map.of("ACUMAT_INFLUX_USER", "writer", "ACUMAT_INFLUX_PASSWORD_FILE", file.toString())))
                .hasMessageStartingWith("ACUMAT_INFLUX_PASSWORD_FILE: ").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> InfluxCredentials.fromEnvironment(Map.of("ACUMAT_INFLUX_PASSWORD_FILE",
                dir.resolve("none").toString()))).hasMessageContaining("ACUMAT_INFLUX_PASSWORD_FILE: no such file");
    }

    @Test
    void backoffDoublesUpToItsCap() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(6)).isEqualTo(Duration.ofMillis(3200));
        assertThat(p.backoff(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoff(1000)).isEqualTo(Duration.ofSeconds(5));
    }
}
