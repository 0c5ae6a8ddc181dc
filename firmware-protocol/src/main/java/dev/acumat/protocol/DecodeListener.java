package dev.acumat.protocol;

/** Receives what a decoder makes of its input, on the decoding thread; keep it short. */
public interface DecodeListener {
    void onMessage(Message message);

    void onError(DecodeError error);
}
