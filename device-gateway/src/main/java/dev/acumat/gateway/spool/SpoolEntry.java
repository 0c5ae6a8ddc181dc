package dev.acumat.gateway.spool;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One Kafka record as the spool keeps it, with the offset the spool gave it.
 *
 * <p>Byte arrays are not copied (a frame is copied often enough already): do not change them
 * after handing them over. {@code key}, {@code value} and header values may be null, as in Kafka.
 * Equality compares array contents.
 *
 * @param offset            position in the spool, from 0, contiguous, never reused
 * @param appendTimeMillis  the spool's clock when it was appended
 * @param topic             the Kafka topic
 * @param key               the record key, or null
 * @param value             the record value, or null
 * @param timestampMillis   the record timestamp to produce with
 * @param headers           the record headers, in order; never null
 */
public record SpoolEntry(long offset, long appendTimeMillis, String topic, byte[] key, byte[] value,
                         long timestampMillis, List<Header> headers) {

    public SpoolEntry {
        Objects.requireNonNull(topic, "topic");
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A Kafka record header. */
    public record Header(String name, byte[] value) {
        public Header {
            Objects.requireNonNull(name, "header name");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && name.equals(h.name) && Arrays.equals(value, h.value);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=" + length(value) + "B";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpoolEntry e && offset == e.offset && appendTimeMillis == e.appendTimeMillis
                && timestampMillis == e.timestampMillis && topic.equals(e.topic) && Arrays.equals(key, e.key)
                && Arrays.equals(value, e.value) && headers.equals(e.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, appendTimeMillis, timestampMillis, topic, Arrays.hashCode(key),
                Arrays.hashCode(value), headers);
    }

    /** Sizes instead of contents: a value can be 130 KB. */
    @Override
    public String toString() {
        return "SpoolEntry[offset=" + offset + ", appendTime=" + appendTimeMillis + ", topic=" + topic + ", key="
                + length(key) + "B, value=" + length(value) + "B, timestamp=" + timestampMillis + ", headers="
                + headers + "]";
    }

    private static String length(byte[] b) {
        return b == null ? "null" : Integer.toString(b.length);
    }
}
