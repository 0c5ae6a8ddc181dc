package dev.acumat.simulator;

import java.io.Closeable;
import java.io.IOException;

/** An open connection to the host side: a pty, a serial device, or standard output. */
public interface PortLink extends Closeable {
    /** Writes all of {@code bytes}; an IOException means the port went away. */
    void write(byte[] bytes) throws IOException;

    /** Reads what the host sent into {@code buf}; -1 when the port is gone or cannot be read. Blocks. */
    int read(byte[] buf) throws IOException;

    /** Opens (or reopens, after an unplug) the link. */
    @FunctionalInterface
    interface Opener {
        PortLink open() throws IOException;
    }
}
