package dev.acumat.gateway.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;

/**
 * How the gateway's records look in Kafka (docs/TOPICS.md is the contract): topic names,
 * header names, and the partition of a key.
 *
 * <p>A record of {@link #FRAMES_TOPIC} has the mat id as key (UTF-8) and, as value, one
 * protocol message exactly as the mat sent it (PROTOCOL.md: header, body, CRC-32C, without
 * COBS): a pressure frame, or the mat's device-info whenever it arrives. Its timestamp is the
 * frame's time: the clock anchor plus the device time.
 */
public final class FrameRecords {
    private FrameRecords() {
    }

    public static final String FRAMES_TOPIC = "acumat.frames";
    public static final String HEALTH_TOPIC = "acumat.device-health";

    /** The version of this record format; "1": the value is a PROTOCOL.md version 1 message. */
    public static final String ENCODING_HEADER = "acumat.encoding";
    public static final String ENCODING_VERSION = "1";
    /** Wall-clock microseconds since the epoch at the mat's device time 0, in decimal. */
    public static final String CLOCK_ANCHOR_HEADER = "acumat.clock-anchor-us";
    /** The id of the gateway that produced the record, in its spool directory. */
    public static final String GATEWAY_HEADER = "acumat.gateway";
    /** The record's offset in that gateway's spool, in decimal: how a restarted gateway knows what Kafka already has. */
    public static final String SPOOL_OFFSET_HEADER = "acumat.spool-offset";

    /** The partition Kafka's default partitioner picks for a key, computed here so the gateway knows it. */
    public static int partition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The header's value as text, or null when the record does not carry it. */
    public static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
    }
}
