package dev.acumat.analytics.web;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One browser watching one mat. It holds at most one frame waiting: a newer frame replaces an
 * unsent one, so a slow client sees fewer frames, never older ones, and nothing queues without
 * bound. Sends are asynchronous; the next waiting frame goes when the last one is out.
 */
final class LiveClient {
    private final Session session;
    final String mat;
    private final AtomicReference<byte[]> waiting = new AtomicReference<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicLong skipped = new AtomicLong();

    LiveClient(Session session, String mat) {
        this.session = session;
        this.mat = mat;
    }

    /** Offers a frame; returns at once. */
    void offer(byte[] frame) {
        if (waiting.getAndSet(frame) != null) {
            skipped.incrementAndGet();
        }
        pump();
    }

    void sendText(String text) {
        if (session.isOpen()) {
            session.sendText(text, Callback.NOOP);
        }
    }

    long skipped() {
        return skipped.get();
    }

    boolean open() {
        return session.isOpen();
    }

    private void pump() {
        while (waiting.get() != null && sending.compareAndSet(false, true)) {
            byte[] next = waiting.getAndSet(null);
            if (next == null || !session.isOpen()) {
                sending.set(false);
                continue;
            }
            session.sendBinary(ByteBuffer.wrap(next), Callback.from(this::sent, e -> {
                sending.set(false);  // the session is closing; its close handler removes us
            }));
        }
    }

    private void sent() {
        sending.set(false);
        pump();
    }
}
