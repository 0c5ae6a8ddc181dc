package dev.acumat.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
    private final ManualTime time = new ManualTime(1_000_000_000L, 1_700_000_000_000L);

    @Test
    void standsStillUntilToldAndMovesBothClocksTogether() {
        assertThat(time.nanoTime()).isEqualTo(1_000_000_000L);
        assertThat(time.nanoTime()).isEqualTo(1_000_000_000L);
        time.advanceMillis(1500);
        assertThat(time.nanoTime()).isEqualTo(2_500_000_000L);
        assertThat(time.currentTimeMillis()).isEqualTo(1_700_000_001_500L);
        assertThat(time.instant()).isEqualTo(Instant.ofEpochMilli(1_700_000_001_500L));
        assertThatThrownBy(() -> time.advance(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSleepReturnsAtOnceHavingMovedTheClocksByIt() throws InterruptedException {
        time.sleep(Duration.ofMillis(250));
        time.sleep(Duration.ofMillis(-5));
        assertThat(time.sleptMillis()).containsExactly(250L, 0L);
        assertThat(time.currentTimeMillis()).isEqualTo(1_700_000_000_250L);
    }

    @Test
    void sleepUntilJumpsToTheDeadlineAndNotPastIt() throws InterruptedException {
        long deadline = time.nanoTime() + 1_234_567;
        time.sleepUntil(deadline);
        assertThat(time.nanoTime()).isEqualTo(deadline);
        time.sleepUntil(deadline - 1);  // passed: no sleep
        assertThat(time.sleeps()).containsExactly(Duration.ofNanos(1_234_567));
        // The wall clock keeps whole milliseconds and catches up as the fractions add up.
        assertThat(time.currentTimeMillis()).isEqualTo(1_700_000_000_001L);
        time.sleepUntil(deadline + 765_433);
        assertThat(time.currentTimeMillis()).isEqualTo(1_700_000_000_002L);
    }

    @Test
    void anActionAtEachSleepCanEndTheWait() {
        AtomicInteger seen = new AtomicInteger();
        time.whenSleeping(d -> {
            if (seen.incrementAndGet() == 2) {
                throw new InterruptedException("stop");
            }
        });
        assertThatThrownBy(() -> {
            time.sleep(Duration.ofSeconds(1));
            time.sleep(Duration.ofSeconds(1));
        }).isInstanceOf(InterruptedException.class);
        assertThat(time.sleeps()).hasSize(2);
    }
}
