package dev.acumat.protocol;

/** Receives what a decoder makes of its input, on the decoding thread; keep it short. */
public interface DecodeListener {
    void onMessage(Message message);

    void onError(DecodeError error);

    /**
     * A message together with its bytes exactly as received (header to CRC, unstuffed), for
     * passing them on unchanged; {@code bytes} is the decoder's buffer, valid only during the
     * call. By default just {@link #onMessage(Message)}.
     */
    default void onMessage(Message message, byte[] bytes, int offset, int length) {
        onMessage(message);
    }
}
