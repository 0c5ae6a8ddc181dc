package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    private static final Instant SINCE = Instant.parse("2026-12-07T14:02:30Z");

    @TempDir
    Path dir;

    @Test
    void theRefusalNamesTheRunningOwner() {
        String owner = DataDirLock.owner(1234, "acumat demo", "http://127.0.0.1:8080/", SINCE);
        assertThat(DataDirLock.refusal(dir, owner, ZoneOffset.UTC)).isEqualTo("the data directory " + dir
                + " is in use by `acumat demo` (pid 1234, web http://127.0.0.1:8080/, since 14:02); stop it first or"
                + " give another --data-dir");
    }

    @Test
    void anUnreadableOwnerIsStillARefusal() {
        assertThat(DataDirLock.refusal(dir, "", ZoneOffset.UTC)).isEqualTo("the data directory " + dir
                + " is in use by another acumat; stop it first or give another --data-dir");
    }

    @Test
    void aSecondTakeIsRefusedAndTheFirstKeepsItsFile() throws Exception {
        try (DataDirLock first = DataDirLock.take(dir, "acumat run", "http://127.0.0.1:0/", SINCE)) {
            first.web("http://127.0.0.1:8123/");
            assertThatThrownBy(() -> DataDirLock.take(dir, "acumat demo", "http://127.0.0.1:8080/", SINCE))
                    .hasMessage(DataDirLock.refusal(dir, DataDirLock.owner(ProcessHandle.current().pid(), "acumat run",
                            "http://127.0.0.1:8123/", SINCE), ZoneId.systemDefault()));
            assertThat(Files.readString(dir.resolve(DataDirLock.FILE), StandardCharsets.UTF_8))
                    .contains("command=acumat run").contains("8123");
        }
    }

    @Test
    void aFileLeftByAKilledOwnerDoesNotBlock() throws Exception {
        Files.writeString(dir.resolve(DataDirLock.FILE), DataDirLock.owner(99999, "acumat demo", "http://x/", SINCE));
        try (DataDirLock lock = DataDirLock.take(dir, "acumat run", "http://127.0.0.1:8080/", SINCE)) {
            assertThat(Files.readString(dir.resolve(DataDirLock.FILE), StandardCharsets.UTF_8))
                    .contains("command=acumat run").doesNotContain("99999");
        }
    }

    @Test
    void aDirectoryThatCannotBeMadeIsOneLineNamingTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> DataDirLock.take(file.resolve("data"), "acumat run", "http://x/", SINCE))
                .hasMessageStartingWith("the data directory " + file.resolve("data") + " is not usable (")
                .hasMessageEndingWith("); pass --data-dir DIR");
    }
}
