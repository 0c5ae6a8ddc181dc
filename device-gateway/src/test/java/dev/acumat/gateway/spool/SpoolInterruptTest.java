package dev.acumat.gateway.spool;

import static dev.acumat.gateway.spool.SpoolTesting.appendNumbered;
import static dev.acumat.gateway.spool.SpoolTesting.config;
import static dev.acumat.gateway.spool.SpoolTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.time.ManualTime;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupt closes a FileChannel; it must cost one call, never the spool. */
class SpoolInterruptTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(0, 0);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedAppendIsRefusedAndTheNextOneWorks() throws IOException {
        for (FsyncPolicy policy : FsyncPolicy.values()) {
            Path here = dir.resolve(policy.name());
            try (Spool spool = Spool.open(here, new SpoolConfig(1 << 20, 4096, policy, java.time.Duration.ofSeconds(1)),
                    time)) {
                appendNumbered(spool, 0);
                Thread.currentThread().interrupt();
                assertThatThrownBy(() -> appendNumbered(spool, 1)).isInstanceOf(ClosedByInterruptException.class);
                assertThat(Thread.interrupted()).isTrue();
                assertThat(spool.nextOffset()).isEqualTo(1);
                assertThat(appendNumbered(spool, 1).offset()).isEqualTo(1);
                assertThat(readAll(spool, 0)).extracting(SpoolEntry::offset).containsExactly(0L, 1L);
            }
            try (Spool spool = Spool.open(here, config(1 << 20, 4096), time)) {
                assertThat(spool.nextOffset()).isEqualTo(2);
                assertThat(spool.recovery().truncatedBytes()).isZero();
            }
        }
    }

    @Test
    void anInterruptedReaderCarriesOnFromTheSameOffset() throws IOException {
        try (Spool spool = Spool.open(dir, config(1 << 20, 4096), time); Spool.Reader reader = spool.reader(0)) {
            for (int i = 0; i < 100; i++) {
                appendNumbered(spool, i);
            }
            assertThat(reader.next().offset()).isZero();
            Thread.currentThread().interrupt();
            // Depending on the buffer the next entry may come without I/O; sooner or later one needs a read.
            assertThatThrownBy(() -> {
                while (reader.next() != null) {
                    // read until the channel is needed
                }
            }).isInstanceOf(ClosedByInterruptException.class);
            Thread.interrupted();
            long at = reader.position();
            assertThat(reader.next().offset()).isEqualTo(at);
            assertThat(appendNumbered(spool, 100).offset()).isEqualTo(100);  // the appender never noticed
        }
    }
}
