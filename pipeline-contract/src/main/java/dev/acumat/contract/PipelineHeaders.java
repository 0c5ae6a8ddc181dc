package dev.acumat.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * The headers of the gateway's records (docs/TOPICS.md) and their values as bytes: Kafka
 * carries a header's value as a byte array, and each of these is US-ASCII text. The
 * accessors take and give those arrays so that this module needs no Kafka type.
 */
public final class PipelineHeaders {
    private PipelineHeaders() {
    }

    /** The version of the record format; {@link #ENCODING_VERSION}: the value is a PROTOCOL.md version 1 message. */
    public static final String ENCODING = "acumat.encoding";
    /** The one record format so far. */
    public static final long ENCODING_VERSION = 1;
    /** Wall-clock microseconds since the epoch at the mat's device time 0, in decimal. */
    public static final String CLOCK_ANCHOR_US = "acumat.clock-anchor-us";
    /** The id of the gateway that produced the record, kept beside its spool. */
    public static final String GATEWAY = "acumat.gateway";
    /** The record's offset in that gateway's spool, in decimal: how a restarted gateway knows what Kafka already has. */
    public static final String SPOOL_OFFSET = "acumat.spool-offset";

    /** Every header above. */
    public static final List<String> ALL = List.of(ENCODING, CLOCK_ANCHOR_US, GATEWAY, SPOOL_OFFSET);

    /** A header value holding {@code value} in decimal. */
    public static byte[] decimal(long value) {
        return text(Long.toString(value));
    }

    /**
     * The number a header value holds in decimal; empty when there is no value or it is no
     * number (a foreign record's header, which a reader skips rather than fails on).
     */
    public static OptionalLong decimal(byte[] value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(new String(value, StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A header value holding {@code value} as text (the gateway's id). */
    public static byte[] text(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    /** The text a header value holds, or null when there is none. */
    public static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.US_ASCII);
    }

    /** The value of {@link #ENCODING} for this format. */
    public static byte[] encodingVersion() {
        return decimal(ENCODING_VERSION);
    }
}
