package dev.acumat.protocol;

/** Bytes that should have held one message did not; carries the decoder's verdict. */
public final class ProtocolException extends RuntimeException {
    private final transient DecodeError error;

    public ProtocolException(DecodeError error) {
        super(error.toString());
        this.error = error;
    }

    public DecodeError error() {
        return error;
    }
}
