package dev.acumat.analytics.replay;

/** Recorded frames could not be read (Kafka away or refusing); the message says where. */
public final class FrameStoreException extends RuntimeException {
    public FrameStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
