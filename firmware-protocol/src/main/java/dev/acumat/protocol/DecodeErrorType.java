package dev.acumat.protocol;

/** Why a stretch of received bytes did not become a message. Each is counted by the decoder. */
public enum DecodeErrorType {
    /** More bytes arrived without a delimiter than the largest valid message; skipped to the next delimiter. */
    OVERSIZE,
    /** The bytes between two delimiters are not valid COBS. */
    BAD_FRAMING,
    /** Fewer bytes than a header and a CRC. */
    TOO_SHORT,
    /** The CRC-32C does not match: the bytes were damaged on the way. */
    BAD_CRC,
    /** A protocol version this receiver does not speak. */
    UNKNOWN_VERSION,
    /** The declared body length disagrees with the bytes received, or with what the type allows. */
    BAD_LENGTH,
    /** A message type this receiver does not know (skipped; newer firmware may send it). */
    UNKNOWN_TYPE,
    /** The body is the right size but a field is out of range or inconsistent. */
    MALFORMED
}
