package dev.acumat.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
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

    @Test
    void theStateStoresGetTheMemoryBudget() {
        Properties p = StreamsRunner.properties("127.0.0.1:9092", Path.of("state"), 2, 96L << 20);
        assertThat(p.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDBConfig.class);
        assertThat(p.get(BoundedRocksDBConfig.MEMORY_BYTES)).isEqualTo(96L << 20);
        assertThat(new StreamsConfig(p).originals()).containsEntry(BoundedRocksDBConfig.MEMORY_BYTES, 96L << 20);
    }
}
