package dev.acumat.protocol;

/**
 * A stretch of input the decoder rejected, and why.
 *
 * @param type   the kind of problem
 * @param bytes  how many received bytes were dropped with it
 * @param detail one human-readable line
 */
public record DecodeError(DecodeErrorType type, long bytes, String detail) {
    @Override
    public String toString() {
        return type + " (" + bytes + " bytes): " + detail;
    }
}
