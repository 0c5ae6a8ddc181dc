package dev.acumat.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.time.ManualTime;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerCheckTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Duration CACHE = Duration.ofMillis(1500);

    private final ManualTime time = new ManualTime();
    private final AtomicInteger probes = new AtomicInteger();

    @Test
    void anAnswerIsReusedForAMomentSoPollersCannotAmplifyLoad() throws Exception {
        ServerCheck check = new ServerCheck(() -> "1.6.7-" + probes.incrementAndGet(), TIMEOUT, CACHE, time,
                Runnable::run);
        for (int i = 0; i < 100; i++) {
            assertThat(check.status()).isEqualTo(new ServerCheck.Status(true, "1.6.7-1"));
        }
        time.advance(CACHE);
        assertThat(check.status().detail()).isEqualTo("1.6.7-2");
        assertThat(probes).hasValue(2);
    }

    @Test
    void aServerThatRefusesIsDownWithTheKindOfErrorButNotItsMessage() throws Exception {
        // Health is open to anyone: the message could name the servers' hosts and ports.
        ServerCheck check = new ServerCheck(() -> {
            throw new IllegalStateException("wrapped", new ConnectException("Failed to connect to /10.0.0.7:8086"));
        }, TIMEOUT, CACHE, time, Runnable::run);
        assertThat(check.status()).isEqualTo(new ServerCheck.Status(false, "ConnectException"));
    }

    @Test
    void aProbeThatHangsIsDownAndNeverStartedTwice() throws Exception {
        List<Runnable> pending = new ArrayList<>();
        Executor never = pending::add;  // the probe does not come back until run by hand
        ServerCheck check = new ServerCheck(() -> "v" + probes.incrementAndGet(), Duration.ZERO, CACHE, time,
                never);
        assertThat(check.status()).isEqualTo(new ServerCheck.Status(false, "no answer within 0 ms"));
        time.advance(CACHE);
        assertThat(check.status().ok()).isFalse();
        assertThat(pending).hasSize(1);

        pending.get(0).run();  // the server answers at last
        time.advance(CACHE);
        assertThat(check.status()).isEqualTo(new ServerCheck.Status(true, "v1"));
    }
}
