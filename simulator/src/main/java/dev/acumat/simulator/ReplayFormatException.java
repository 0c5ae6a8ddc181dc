package dev.acumat.simulator;

/** A recording that is not in the replay format; the message names the file and line. */
public final class ReplayFormatException extends RuntimeException {
    public ReplayFormatException(String message) {
        super(message);
    }
}
