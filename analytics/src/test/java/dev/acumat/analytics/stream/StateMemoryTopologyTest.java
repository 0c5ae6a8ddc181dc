package dev.acumat.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analytics' own streams configuration puts the mats' state store under the memory budget. */
class StateMemoryTopologyTest {
    private static final long BUDGET = 72L << 20;

    @TempDir
    Path stateDir;

    @Test
    void theMatStateStoreUsesTheSharedCacheOfTheBudget() {
        Properties p = StreamsRunner.properties("unused:9092", stateDir, 1, BUDGET);
        try (TopologyTestDriver d = new TopologyTestDriver(AnalyticsTopology.build(), p, Instant.ofEpochSecond(1))) {
            TestInputTopic<String, byte[]> in = d.createInputTopic(Topics.FRAMES, new StringSerializer(),
                    new ByteArraySerializer());
            SyntheticMat mat = Scenarios.create("session", 25, 5);
            DeviceInfo info = mat.deviceInfo("mat-m");
            in.pipeInput("mat-m", MessageWriter.toBytes(info), Instant.ofEpochSecond(1));
            int[] values = new int[info.cells()];
            for (int i = 0; i < 100 && mat.next(values); i++) {
                PressureFrame f = new PressureFrame(i, i * 40_000L, info.rows(), info.cols(), values);
                in.pipeInput("mat-m", MessageWriter.toBytes(f), Instant.ofEpochSecond(1).plusMillis(i * 40L));
            }
            d.advanceWallClockTime(Duration.ofSeconds(2));
            assertThat(matStates(d).get("mat-m")).as("the state reached the store").isNotNull();
            // Kafka Streams' own default would be a 50 MB cache of the store's own.
            assertThat(((Number) storeMetric(d, "block-cache-capacity")).longValue()).isEqualTo(BUDGET);
        }
    }

    private static MatStateStore matStates(TopologyTestDriver d) {
        return (MatStateStore) d.getStateStore(AnalyticsTopology.STATE_STORE);
    }

    private static Object storeMetric(TopologyTestDriver d, String name) {
        for (Map.Entry<MetricName, ? extends Metric> e : d.metrics().entrySet()) {
            if (e.getKey().name().equals(name)
                    && AnalyticsTopology.STATE_STORE.equals(e.getKey().tags().get("rocksdb-state-id"))) {
                return e.getValue().metricValue();
            }
        }
        return null;
    }
}
