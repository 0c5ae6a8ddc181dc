package dev.acumat.gateway.serial;

import dev.acumat.gateway.Backoff;
import dev.acumat.gateway.input.InputListener;
import dev.acumat.gateway.input.MatInput;
import dev.acumat.gateway.input.ProtocolInput;
import dev.acumat.protocol.InfoRequest;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.Time;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one reader thread: reads the mat's port with semi-blocking reads and feeds
 * the bytes to the mat's input (the protocol decoder, or a text mat's lines: {@link MatInput}).
 * A lost port (an error, or silence past the timeout) is closed, and the port is found and
 * opened again after a capped backoff, with the input started afresh; a serial problem never
 * ends the thread. After every open it asks a protocol mat for its device-info, so the mat id
 * is known at once.
 */
public final class SerialReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SerialReader.class);

    /**
     * Bytes asked for per read. jSerialComm copies the whole Java array into a native buffer
     * and back on every read, whatever arrives, and a tty hands over at most its line
     * discipline's 4 KiB per read anyway: a 64 KiB array cost two 64 KiB copies (and a 64 KiB
     * malloc) per frame at the wire rate, for nothing.
     */
    static final int READ_BYTES = 4096;

    /** Finds and opens the mat's port: a fixed path, or a search ({@link MatPortFinder}). */
    @FunctionalInterface
    public interface Opener {
        SerialLink open() throws SerialException;
    }

    /** What the reader tells the rest of the gateway; called on the reader thread, so keep it short. */
    public interface Listener extends InputListener {
        void onConnected(String port);

        void onDisconnected(String port, String reason);

        void onBytes(int count);
    }

    private final Opener opener;
    private final Listener listener;
    private final Time time;
    private final long silenceNanos;
    private final Backoff backoff;
    private final MatInput input;
    private volatile boolean stopped;
    private volatile SerialLink link;
    private String lastOpenFailure;

    /** A reader of the acumat protocol. */
    public SerialReader(Opener opener, Listener listener, Time time, Duration silenceTimeout, Backoff backoff) {
        this(opener, listener, time, silenceTimeout, backoff, new ProtocolInput(time, 0));
    }

    /** A reader whose bytes go to {@code input}. */
    public SerialReader(Opener opener, Listener listener, Time time, Duration silenceTimeout, Backoff backoff,
                        MatInput input) {
        this.input = Objects.requireNonNull(input);
        this.opener = Objects.requireNonNull(opener);
        this.listener = Objects.requireNonNull(listener);
        this.time = time;
        this.silenceNanos = silenceTimeout.toNanos();
        this.backoff = backoff;
    }

    @Override
    public void run() {
        byte[] buf = new byte[READ_BYTES];
        try {
            while (!stopped) {
                SerialLink current = link;
                if (current == null) {
                    current = connect();
                    if (current == null) {
                        time.sleep(Duration.ofMillis(backoff.nextMillis()));
                        continue;
                    }
                }
                readUntilLost(current, buf);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            SerialLink l = link;
            if (l != null) {
                l.close();
            }
        }
    }

    /** Stops reading; the thread ends after its current read returns. */
    public void stop() {
        stopped = true;
        SerialLink l = link;
        if (l != null) {
            l.close();
        }
    }

    private SerialLink connect() {
        SerialLink opened;
        try {
            opened = opener.open();
        } catch (SerialException e) {
            noteOpenFailure(e);
            return null;
        }
        // Until the link is handed over, this method owns it: every way out closes it, or each
        // retry against a mat that does not take the hello leaks one OS handle.
        boolean handedOver = false;
        try {
            if (input.asksForDeviceInfo()) {
                opened.write(hello());
            }
            lastOpenFailure = null;
            input.connected(opened.port());
            backoff.reset();
            link = opened;
            handedOver = true;
        } catch (SerialException e) {
            noteOpenFailure(e);
            return null;
        } finally {
            if (!handedOver) {
                opened.close();
            }
        }
        if (stopped) {
            opened.close();
        }
        log.info("port {}: connected", opened.port());
        listener.onConnected(opened.port());
        return opened;
    }

    private void noteOpenFailure(SerialException e) {
        // Said once per distinct reason: an unplugged mat would otherwise fill the log.
        if (!e.getMessage().equals(lastOpenFailure)) {
            log.warn("{}; retrying with backoff", e.getMessage());
            lastOpenFailure = e.getMessage();
        }
    }

    private static byte[] hello() {
        byte[] request = WireEncoder.encode(InfoRequest.INSTANCE);
        byte[] out = new byte[request.length + 1];
        out[0] = WireEncoder.DELIMITER;  // the mat's receiver syncs on a delimiter before the request
        System.arraycopy(request, 0, out, 1, request.length);
        return out;
    }

    private void readUntilLost(SerialLink current, byte[] buf) {
        long lastData = time.nanoTime();
        String reason;
        try {
            while (true) {
                int n = current.read(buf, 0, buf.length);
                if (stopped) {
                    return;
                }
                if (n > 0) {
                    lastData = time.nanoTime();
                    listener.onBytes(n);
                    input.feed(buf, 0, n, listener);
                } else if (time.nanoTime() - lastData > silenceNanos) {
                    reason = "silent for " + Duration.ofNanos(silenceNanos).toMillis() + " ms";
                    break;
                }
            }
        } catch (SerialException e) {
            reason = e.getMessage();
        }
        current.close();
        link = null;
        if (!stopped) {
            log.warn("port {}: lost ({}); reconnecting", current.port(), reason);
            listener.onDisconnected(current.port(), reason);
        }
    }
}
