package dev.acumat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live view's slow frames are put down to the pauses that overlap their way, from a real safepoint log's lines. */
class LatencyTailTest {
    @Test
    void aSlowFrameIsPutDownToThePauseOnItsWay(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("pauses.log");
        Files.write(log, List.of(
                "[1796676695670ms] Safepoint \"G1CollectForAllocation\", Time since last: 22995102 ns, Reaching safepoint:"
                        + " 6573 ns, Cleanup: 7194 ns, At safepoint: 2648871 ns, Total: 2662638 ns",
                "[1796676696000ms] Safepoint \"G1PauseRemark\", Time since last: 15736251 ns, Reaching safepoint: 5781 ns,"
                        + " Cleanup: 7935 ns, At safepoint: 40659879 ns, Total: 40673595 ns",
                "an unrelated line"));
        List<JvmPauses.Pause> pauses = JvmPauses.fromLog("analytics", log).since(0);
        assertThat(pauses).extracting(JvmPauses.Pause::reason).containsExactly("G1CollectForAllocation", "G1PauseRemark");
        assertThat(pauses.get(1).millis()).isBetween(40.6, 40.7);

        try (RunQueueWaits nothingWatched = new RunQueueWaits(List.of())) {
            // Arrived 20 ms after the remark ended, 70 ms on its way: the 41 ms remark is on it.
            LatencyTail.Explanation onTheWay = LatencyTail.explain(
                    List.of(new LiveProbe.Slow(1796676696020L, 70)), pauses, nothingWatched);
            assertThat(onTheWay.summary()).isEqualTo("1 over 50 ms (worst 70): 1 in a pause, 0 waiting for a CPU, 0 neither");
            assertThat(onTheWay.detail()).startsWith("1 pause: analytics G1PauseRemark");
            // A frame that left after the remark: nothing explains it.
            LatencyTail.Explanation after = LatencyTail.explain(
                    List.of(new LiveProbe.Slow(1796676696100L, 60)), pauses, nothingWatched);
            assertThat(after.summary()).endsWith("0 in a pause, 0 waiting for a CPU, 1 neither");
        }
    }
}
