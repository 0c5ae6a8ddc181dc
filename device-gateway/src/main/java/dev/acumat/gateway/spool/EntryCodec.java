package dev.acumat.gateway.spool;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The bytes of one entry (SPOOL.md, "Entry"): {@code length i32 | crc32c i32 | body}, the CRC
 * over the body. Big-endian like Kafka's own formats. Stateless.
 */
final class EntryCodec {
    static final byte VERSION = 1;
    /** length and crc32c. */
    static final int PREFIX_BYTES = 8;
    /** version, offset, append time, timestamp, topic length, key length, value length, header count. */
    static final int MIN_BODY_BYTES = 1 + 8 + 8 + 8 + 2 + 4 + 4 + 2;
    /** No entry can be larger than a segment; anything claiming more is damage. */
    static final int MAX_BODY_BYTES = (int) SpoolConfig.MAX_SEGMENT_BYTES - PREFIX_BYTES;

    private EntryCodec() {
    }

    /** Why the bytes at a position are not a whole, intact entry. */
    static final class BadEntry extends Exception {
        BadEntry(String reason) {
            super(reason, null, false, false);  // an expected outcome on recovery: no stack trace
        }
    }

    /**
     * Encodes into {@code buf}, or into a larger buffer when it is too small, and returns the one
     * used, flipped: position 0, limit the encoded size.
     */
    static ByteBuffer encode(ByteBuffer buf, long offset, long appendTime, String topic, byte[] key, byte[] value,
                             long timestamp, List<SpoolEntry.Header> headers) {
        byte[] topicBytes = utf8(topic, "topic");
        if (headers.size() > 0xFFFF) {
            throw new IllegalArgumentException("more than 65535 headers: " + headers.size());
        }
        byte[][] names = new byte[headers.size()][];
        long size = PREFIX_BYTES + MIN_BODY_BYTES + topicBytes.length + length(key) + length(value);
        for (int i = 0; i < names.length; i++) {
            names[i] = utf8(headers.get(i).name(), "header name");
            size += 2 + names[i].length + 4 + length(headers.get(i).value());
        }
        if (size > PREFIX_BYTES + (long) MAX_BODY_BYTES) {
            throw new IllegalArgumentException("entry of " + size + " bytes is larger than any segment");
        }
        if (buf.capacity() < size) {
            buf = ByteBuffer.allocateDirect((int) Math.max(size, Math.min(2L * buf.capacity(), MAX_BODY_BYTES)));
        }
        buf.clear();
        buf.position(PREFIX_BYTES);
        buf.put(VERSION).putLong(offset).putLong(appendTime).putLong(timestamp);
        buf.putShort((short) topicBytes.length).put(topicBytes);
        putBytes(buf, key);
        putBytes(buf, value);
        buf.putShort((short) names.length);
        for (int i = 0; i < names.length; i++) {
            buf.putShort((short) names[i].length).put(names[i]);
            putBytes(buf, headers.get(i).value());
        }
        int end = buf.position();
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(PREFIX_BYTES).limit(end));
        buf.putInt(0, end - PREFIX_BYTES).putInt(4, (int) crc.getValue());
        return buf.flip();
    }

    /**
     * Decodes a body whose prefix gave {@code expectedCrc}; {@code body} spans exactly the body.
     * Checks the CRC first, so a damaged entry is never half-parsed into a plausible one.
     */
    static SpoolEntry decode(ByteBuffer body, int expectedCrc) throws BadEntry {
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        if ((int) crc.getValue() != expectedCrc) {
            throw new BadEntry("CRC-32C mismatch");
        }
        try {
            byte version = body.get();
            if (version != VERSION) {
                throw new BadEntry("unknown entry version " + version);
            }
            long offset = body.getLong();
            long appendTime = body.getLong();
            long timestamp = body.getLong();
            String topic = string(body);
            byte[] key = bytes(body);
            byte[] value = bytes(body);
            int count = Short.toUnsignedInt(body.getShort());
            List<SpoolEntry.Header> headers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                headers.add(new SpoolEntry.Header(string(body), bytes(body)));
            }
            if (body.hasRemaining()) {
                throw new BadEntry(body.remaining() + " bytes after the last field");
            }
            return new SpoolEntry(offset, appendTime, topic, key, value, timestamp, headers);
        } catch (BufferUnderflowException e) {
            throw new BadEntry("a field runs past the end of the entry");
        }
    }

    private static byte[] utf8(String s, String what) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException(what + " longer than 65535 UTF-8 bytes: " + b.length);
        }
        return b;
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    /** Length -1 stands for null, as Kafka's record format does. */
    private static void putBytes(ByteBuffer buf, byte[] b) {
        if (b == null) {
            buf.putInt(-1);
        } else {
            buf.putInt(b.length).put(b);
        }
    }

    private static byte[] bytes(ByteBuffer body) throws BadEntry {
        int n = body.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > body.remaining()) {
            throw new BadEntry("a field runs past the end of the entry");
        }
        byte[] b = new byte[n];
        body.get(b);
        return b;
    }

    private static String string(ByteBuffer body) throws BadEntry {
        int n = Short.toUnsignedInt(body.getShort());
        if (n > body.remaining()) {
            throw new BadEntry("a field runs past the end of the entry");
        }
        byte[] b = new byte[n];
        body.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
