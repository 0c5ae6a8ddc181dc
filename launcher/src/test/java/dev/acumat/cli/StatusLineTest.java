package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLineTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void noProblemSaysNothing() {
        assertThat(StatusLine.problem(null, NOW)).isEmpty();
    }

    @Test
    void aRecentProblemIsShownWithItsAge() {
        DemoLog.Problem p = new DemoLog.Problem("KafkaSender: broker away", NOW - 12_300);
        assertThat(StatusLine.problem(p, NOW)).isEqualTo(", last problem 12 s ago: KafkaSender: broker away");
    }

    @Test
    void aProblemLongPastLeavesTheStatusLine() {
        long shown = StatusLine.PROBLEM_SHOWN.toMillis();
        assertThat(StatusLine.problem(new DemoLog.Problem("x", NOW - shown), NOW)).isNotEmpty();
        assertThat(StatusLine.problem(new DemoLog.Problem("x", NOW - shown - 1000), NOW)).isEmpty();
    }

    @Test
    void allUpIsTheRateMatsAndSessions() {
        assertThat(StatusLine.format(25, 1, 1, List.of(), "broker", null, NOW))
                .isEqualTo("25.0 frames/s, 1 mat, 1 active session");
    }

    @Test
    void aDeadBrokerComesFirstAndTheRateSaysWhereTheFramesGo() {
        ServerHealth.Down broker = new ServerHealth.Down("broker", "exited 137", NOW - 4_200);
        assertThat(StatusLine.format(25, 1, 0, List.of(broker), "broker", null, NOW))
                .isEqualTo("broker down (exited 137) 4 s ago, 25.0 frames/s into the spool, 1 mat, 0 active sessions");
    }

    @Test
    void aSilentInfluxdLeavesTheRateAsItIs() {
        ServerHealth.Down influx = new ServerHealth.Down("influxd", "no answer within 1500 ms", NOW - 2_000);
        assertThat(StatusLine.format(25, 2, 2, List.of(influx), "broker", null, NOW))
                .isEqualTo("influxd down (no answer within 1500 ms) 2 s ago, 25.0 frames/s, 2 mats, 2 active sessions");
    }
}
