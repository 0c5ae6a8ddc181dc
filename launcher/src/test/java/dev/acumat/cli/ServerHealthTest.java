package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.analytics.web.ServerCheck;
import dev.acumat.time.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServerHealthTest {
    private static final ServerCheck.Status UP = new ServerCheck.Status(true, "");

    private final ManualTime time = new ManualTime(0, 1_800_000_000_000L);
    private final ServerHealth health = new ServerHealth(time);

    @Test
    void aServerThatExitsIsDownAtOnceWithItsExitCodeAndItsAnswerNoLongerCounts() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        List<ServerHealth.Down> heard = new ArrayList<>();
        health.check("broker", () -> UP);
        health.watch("broker", exit, heard::add);
        assertThat(health.downs()).isEmpty();

        exit.complete(137);
        assertThat(heard).containsExactly(new ServerHealth.Down("broker", "exited 137", time.currentTimeMillis()));
        time.advanceMillis(4_000);
        assertThat(health.downs()).extracting(d -> d.text(time.currentTimeMillis())).containsExactly("broker down (exited 137) 4 s ago");
    }

    @Test
    void anExitWhileTheOwnerStopsIsNoNews() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        List<ServerHealth.Down> heard = new ArrayList<>();
        health.watch("influxd", exit, heard::add);
        health.stopping();
        exit.complete(0);
        assertThat(heard).isEmpty();
        assertThat(health.downs()).isEmpty();
    }

    @Test
    void aServerThatStopsAnsweringIsDownSinceItsFirstSilenceAndUpAgainWhenItAnswers() throws Exception {
        AtomicReference<ServerCheck.Status> answer = new AtomicReference<>(UP);
        health.check("InfluxDB", answer::get);
        assertThat(health.downs()).isEmpty();

        answer.set(new ServerCheck.Status(false, "ConnectException"));
        long firstSilence = time.currentTimeMillis();
        assertThat(health.downs()).containsExactly(new ServerHealth.Down("InfluxDB", "ConnectException",
                firstSilence));
        time.advanceMillis(3_000);
        assertThat(health.downs()).extracting(ServerHealth.Down::sinceMillis).containsExactly(firstSilence);

        answer.set(UP);
        assertThat(health.downs()).isEmpty();
    }
}
