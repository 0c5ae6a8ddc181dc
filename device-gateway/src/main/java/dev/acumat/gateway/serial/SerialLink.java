package dev.acumat.gateway.serial;

/**
 * An open serial connection to one mat. It exists so the gateway never touches jSerialComm's
 * booleans and -1s: every failure is a {@link SerialException} that names the port, and tests
 * can stand in for the hardware.
 */
public interface SerialLink extends AutoCloseable {
    /** The path the link was opened with, as the user gave it. */
    String port();

    /**
     * Reads what has arrived, up to {@code len} bytes, waiting at most the link's read timeout.
     * Returns 0 when nothing came in that time; throws when the port is gone.
     */
    int read(byte[] buf, int off, int len) throws SerialException;

    /** Writes all of {@code bytes} or throws. */
    void write(byte[] bytes) throws SerialException;

    /** Releases the port; never throws, safe to call twice. */
    @Override
    void close();
}
