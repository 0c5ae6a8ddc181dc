package dev.acumat.simulator;

import java.io.IOException;

/**
 * A link in front of another that does something to what is written (damages it, watches it)
 * and passes the rest through: reads and close go to the link below, as {@link
 * java.io.FilterOutputStream} does for a stream.
 */
public abstract class FilterPortLink implements PortLink {
    /** The link the bytes go on to. */
    protected final PortLink below;

    protected FilterPortLink(PortLink below) {
        this.below = below;
    }

    @Override
    public int read(byte[] buf) throws IOException {
        return below.read(buf);
    }

    @Override
    public void close() throws IOException {
        below.close();
    }
}
