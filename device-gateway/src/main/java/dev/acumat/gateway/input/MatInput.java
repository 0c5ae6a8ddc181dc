package dev.acumat.gateway.input;

/**
 * Turns the bytes read from one mat's port into protocol messages for the gateway. One reader
 * thread owns it; {@link #connected} starts each connection afresh.
 */
public interface MatInput {
    /** A (re)opened port: forget any partial message or line. */
    void connected(String port);

    /** Bytes as they arrived, in chunks of any size. */
    void feed(byte[] bytes, int off, int len, InputListener listener);

    /** Whether to ask the mat for its device-info on connecting: only a protocol mat understands the request. */
    default boolean asksForDeviceInfo() {
        return true;
    }
}
