package dev.acumat.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SystemTimeTest {
    @Test
    void sleepUntilReturnsNoEarlierThanTheDeadline() throws InterruptedException {
        long deadline = Time.SYSTEM.nanoTime() + 3_000_000;
        Time.SYSTEM.sleepUntil(deadline);
        assertThat(Time.SYSTEM.nanoTime() - deadline).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aSleepAnswersAnInterruptEvenWhenItHasNothingToWait() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Time.SYSTEM.sleep(Duration.ofMillis(-1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }
}
