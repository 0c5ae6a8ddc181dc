package dev.acumat.analytics.stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {
    @Test
    void aBrokerThatDoesNotAnswerIsOneLineThatSaysWhatToCheck() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();  // closed again: nothing listens there
        }
        String bootstrap = "127.0.0.1:" + port;
        assertThatThrownBy(() -> StreamsRunner.ensureTopics(bootstrap, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka at " + bootstrap + " did not answer within 2 s: is the broker running, and reachable"
                        + " from here at that address (--kafka)?");
    }
}
