package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoStatusTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void noProblemSaysNothing() {
        assertThat(DemoRunner.problem(null, NOW)).isEmpty();
    }

    @Test
    void aRecentProblemIsShownWithItsAge() {
        DemoLog.Problem p = new DemoLog.Problem("KafkaSender: broker away", NOW - 12_300);
        assertThat(DemoRunner.problem(p, NOW)).isEqualTo(", last problem 12 s ago: KafkaSender: broker away");
    }

    @Test
    void aProblemLongPastLeavesTheStatusLine() {
        long shown = DemoRunner.PROBLEM_SHOWN.toMillis();
        assertThat(DemoRunner.problem(new DemoLog.Problem("x", NOW - shown), NOW)).isNotEmpty();
        assertThat(DemoRunner.problem(new DemoLog.Problem("x", NOW - shown - 1000), NOW)).isEmpty();
    }
}
