package dev.acumat.protocol;

/** Puts messages on the wire: the message's bytes, COBS-stuffed, then the 0x00 delimiter. */
public final class WireEncoder {
    private WireEncoder() {
    }

    /** The bytes a transmitter sends once at start-up so a receiver can synchronise at once. */
    public static final byte DELIMITER = 0;

    public static byte[] encode(Message message) {
        return frame(MessageWriter.toBytes(message));
    }

    /** Stuffs and delimits already-written message bytes. */
    public static byte[] frame(byte[] messageBytes) {
        byte[] out = new byte[Cobs.maxEncodedLength(messageBytes.length) + 1];
        int n = Cobs.encode(messageBytes, 0, messageBytes.length, out, 0);
        out[n] = DELIMITER;
        return n + 1 == out.length ? out : java.util.Arrays.copyOf(out, n + 1);
    }
}
