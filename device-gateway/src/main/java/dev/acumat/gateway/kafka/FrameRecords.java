package dev.acumat.gateway.kafka;

import dev.acumat.contract.PipelineHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;

/**
 * The gateway's side of its records in Kafka: the partition of a key, and a header read from
 * Kafka's headers. The names (topics, headers) are the pipeline's contract, in
 * {@link dev.acumat.contract.Topics} and {@link PipelineHeaders} (docs/TOPICS.md).
 *
 * <p>A record of {@link dev.acumat.contract.Topics#FRAMES} has the mat id as key (UTF-8) and,
 * as value, one protocol message exactly as the mat sent it (PROTOCOL.md: header, body,
 * CRC-32C, without COBS): a pressure frame, or the mat's device-info whenever it arrives. Its
 * timestamp is the frame's time: the clock anchor plus the device time.
 */
public final class FrameRecords {
    private FrameRecords() {
    }

    /** The partition Kafka's default partitioner picks for a key, computed here so the gateway knows it. */
    public static int partition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** The header's value as text, or null when the record does not carry it. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : PipelineHeaders.text(h.value());
    }
}
