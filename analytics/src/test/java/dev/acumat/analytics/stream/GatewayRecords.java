package dev.acumat.analytics.stream;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What the topology tests share: a test driver of the analytics' topology, and records on
 * acumat.frames as a gateway writes them (docs/TOPICS.md): the clock anchor in a header, the
 * record's time the anchor plus the device time.
 */
final class GatewayRecords {
    /** The gateway's clock anchor, epoch microseconds; the driver's wall clock starts there. */
    static final long ANCHOR_US = 1_790_000_000_000_000L;

    private GatewayRecords() {
    }

    /** A driver of {@code topology} keeping its state in {@code stateDir}. */
    static TopologyTestDriver driver(Topology topology, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "acumat-analytics-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(topology, p, Instant.ofEpochMilli(ANCHOR_US / 1000));
    }

    /** The driver's acumat.frames. */
    static TestInputTopic<String, byte[]> frames(TopologyTestDriver d) {
        return d.createInputTopic(Topics.FRAMES, new StringSerializer(), new ByteArraySerializer());
    }

    /** The headers the gateway puts on every record: its clock anchor. */
    static Headers anchor() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(PipelineHeaders.CLOCK_ANCHOR_US, Long.toString(ANCHOR_US).getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    /** {@code message} of mat {@code key} as the gateway writes it, {@code deviceUs} after the anchor. */
    static TestRecord<String, byte[]> record(String key, Message message, long deviceUs) {
        return new TestRecord<>(key, MessageWriter.toBytes(message), anchor(),
                Instant.ofEpochMilli((ANCHOR_US + deviceUs) / 1000));
    }
}
