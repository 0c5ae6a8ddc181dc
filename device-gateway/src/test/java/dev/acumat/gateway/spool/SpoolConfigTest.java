package dev.acumat.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpoolConfigTest {
    @Test
    void theDefaultsAreValid() {
        SpoolConfig d = SpoolConfig.defaults();
        assertThat(d.maxBytes()).isEqualTo(1L << 30);
        assertThat(d.fsync()).isEqualTo(FsyncPolicy.INTERVAL);
    }

    @Test
    void eachBadValueNamesItsSetting() {
        assertThatThrownBy(() -> new SpoolConfig(1 << 20, 1 << 21, FsyncPolicy.NEVER, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("spool.max-bytes must be >= spool.segment-bytes");
        assertThatThrownBy(() -> new SpoolConfig(1 << 20, 100, FsyncPolicy.NEVER, null))
                .hasMessageStartingWith("spool.segment-bytes must be");
        assertThatThrownBy(() -> new SpoolConfig(1L << 40, 1L << 31, FsyncPolicy.NEVER, null))
                .hasMessageStartingWith("spool.segment-bytes must be");
        assertThatThrownBy(() -> new SpoolConfig(1 << 20, 1 << 20, null, null))
                .hasMessageStartingWith("spool.fsync must be set");
        assertThatThrownBy(() -> new SpoolConfig(1 << 20, 1 << 20, FsyncPolicy.INTERVAL, null))
                .hasMessageStartingWith("spool.fsync-interval must be >= 1 ms");
        assertThatThrownBy(() -> new SpoolConfig(1 << 20, 1 << 20, FsyncPolicy.INTERVAL, Duration.ZERO))
                .hasMessageStartingWith("spool.fsync-interval must be >= 1 ms");
        assertThatThrownBy(() -> new SpoolConfig(1 << 20, 1 << 20, FsyncPolicy.INTERVAL, Duration.ofDays(1)))
                .hasMessageStartingWith("spool.fsync-interval must be <= 1 h");
    }

    @Test
    void onlyIntervalNeedsAnInterval() {
        assertThat(new SpoolConfig(1024, 1024, FsyncPolicy.ALWAYS, null).fsyncInterval()).isNull();
        assertThat(new SpoolConfig(1024, 1024, FsyncPolicy.NEVER, Duration.ofSeconds(1)).fsync()).isEqualTo(FsyncPolicy.NEVER);
    }
}
