package dev.acumat.gateway.serial;

import java.io.IOException;

/** A serial port refused or failed; the message always names the port. */
public final class SerialException extends IOException {
    public SerialException(String message) {
        super(message);
    }

    public SerialException(String message, Throwable cause) {
        super(message, cause);
    }
}
