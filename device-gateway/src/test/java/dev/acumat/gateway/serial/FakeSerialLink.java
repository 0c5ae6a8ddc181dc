package dev.acumat.gateway.serial;

import dev.acumat.time.ManualTime;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/** A scripted serial link: hands out chunks, then "unplugs" (an error) or goes silent. */
final class FakeSerialLink implements SerialLink {
    final String port;
    final Deque<byte[]> chunks = new ArrayDeque<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final ManualTime time;
    final long readTimeoutMillis;
    boolean unplugAtEnd;
    /** The mat takes no bytes: every write fails, as on a port whose device went away. */
    boolean failWrites;
    boolean closed;
    /** The most bytes a read asked for. */
    int largestRead;

    FakeSerialLink(String port, ManualTime time, long readTimeoutMillis) {
        this.port = port;
        this.time = time;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    FakeSerialLink chunk(byte[] bytes) {
        chunks.add(bytes);
        return this;
    }

    @Override
    public String port() {
        return port;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws SerialException {
        if (closed) {
            throw new SerialException("port " + port + ": closed");
        }
        byte[] next = chunks.poll();
        if (next == null) {
            if (unplugAtEnd) {
                throw new SerialException("port " + port + ": read failed, the device is gone");
            }
            time.advanceMillis(readTimeoutMillis);
            return 0;
        }
        largestRead = Math.max(largestRead, len);
        int n = Math.min(len, next.length);
        System.arraycopy(next, 0, buf, off, n);
        if (n < next.length) {
            chunks.addFirst(java.util.Arrays.copyOfRange(next, n, next.length));  // the rest waits for the next read
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws SerialException {
        if (failWrites) {
            throw new SerialException("port " + port + ": write failed");
        }
        written.writeBytes(bytes);
    }

    @Override
    public void close() {
        closed = true;
    }
}
