package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A server command's stop closes every part, even after one fails to close. */
class StopSignalTest {
    @Test
    void aPartThatFailsToCloseDoesNotKeepTheNextOpen() {
        List<String> closed = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AutoCloseable metrics = () -> {
            closed.add("metrics");
            throw new IOException("port already closed");
        };
        AutoCloseable gateway = () -> closed.add("gateway");

        StopSignal.closeAll("gateway", new PrintStream(err, true, StandardCharsets.UTF_8), metrics, null, gateway);

        assertThat(closed).containsExactly("metrics", "gateway");
        assertThat(err.toString(StandardCharsets.UTF_8).strip().lines())
                .containsExactly("acumat gateway: stopping: port already closed");
    }
}
