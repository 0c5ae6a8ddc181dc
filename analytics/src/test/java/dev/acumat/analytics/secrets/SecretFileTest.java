package dev.acumat.analytics.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    private Path file(String content, String mode) throws Exception {
        Path f = dir.resolve("secret-" + mode);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void readsAnOwnerOnlyFileWithoutItsLineEnd() throws Exception {
        assertThat(SecretFile.read("--x", file("hunter2-hunter2\n", "rw-------"))).isEqualTo("hunter2-hunter2");
        assertThat(SecretFile.read("--x", file("a b\r\n", "r--------"))).isEqualTo("a b");
        assertThat(SecretFile.read("--x", file("two\nlines\n", "rw-------"))).isEqualTo("two\nlines");
    }

    @Test
    void refusesFilesOthersMayReadNamingTheOptionAndNotTheSecret() throws Exception {
        for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-", "rwx--x---"}) {
            Path f = file("hunter2-hunter2", mode);
            assertThatThrownBy(() -> SecretFile.read("ACUMAT_INFLUX_PASSWORD_FILE", f)).as(mode)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("ACUMAT_INFLUX_PASSWORD_FILE: " + f)
                    .hasMessageContaining("chmod 600").hasMessageNotContaining("hunter2");
        }
        assertThatThrownBy(() -> SecretFile.read("--http-token-file", file("hunter2-hunter2", "rw-r--r--")))
                .hasMessageContaining("(mode 644)");
    }

    @Test
    void refusesWhatIsNoSecretFile() throws Exception {
        assertThatThrownBy(() -> SecretFile.read("--t", dir.resolve("missing"))).hasMessage("--t: no such file: "
                + dir.resolve("missing"));
        assertThatThrownBy(() -> SecretFile.read("--t", dir)).hasMessageStartingWith("--t: not a regular file");
        assertThatThrownBy(() -> SecretFile.read("--t", file("\n", "rw-------"))).hasMessageEndingWith("is empty");
        assertThatThrownBy(() -> SecretFile.read("--t", file("x".repeat(5000), "rw-------")))
                .hasMessageContaining("larger than 4096 bytes");
        Path latin1 = file("", "rw-------");
        Files.write(latin1, new byte[] {'p', (byte) 0xe4, 's', 's'});
        assertThatThrownBy(() -> SecretFile.read("--t", latin1)).hasMessageEndingWith("is not UTF-8 text");
    }

    @Test
    void followsALinkToTheSecretItself() throws Exception {
        Path target = file("s3cret-value", "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThat(SecretFile.read("--t", link)).isEqualTo("s3cret-value");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretFile.read("--t", link)).hasMessageContaining("chmod 600");
    }
}
