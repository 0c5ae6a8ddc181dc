package dev.acumat.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** An in-memory port: collects what the simulator writes, can fail on demand, and feeds it host bytes. */
final class MemoryLink implements PortLink {
    final ByteArrayOutputStream written;
    final BlockingQueue<byte[]> fromHost = new LinkedBlockingQueue<>();
    int failAfterWrites = Integer.MAX_VALUE;
    volatile boolean closed;

    MemoryLink(ByteArrayOutputStream sharedOutput) {
        this.written = sharedOutput;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        if (closed || failAfterWrites-- <= 0) {
            throw new IOException("Input/output error");
        }
        written.writeBytes(bytes);
    }

    @Override
    public int read(byte[] buf) throws IOException {
        try {
            byte[] b = fromHost.take();
            if (b.length == 0) {
                return -1;
            }
            System.arraycopy(b, 0, buf, 0, b.length);
            return b.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        closed = true;
        fromHost.add(new byte[0]);
    }
}
