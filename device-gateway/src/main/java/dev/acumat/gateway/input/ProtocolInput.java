package dev.acumat.gateway.input;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.time.Time;

/**
 * {@code --input binary}: the acumat protocol, through the streaming decoder. When bytes arrive
 * for a few seconds and not one message decodes, it says once per connection what is likely
 * wrong: a mat that prints text, or a wrong baud rate.
 */
public final class ProtocolInput implements MatInput {

    private final StreamDecoder decoder = new StreamDecoder();
    private final Time time;
    private final int baud;
    private final UndecodedNotice notice = new UndecodedNotice();
    private final Watch watch = new Watch();
    private final InputLog log;
    private String port = "?";

    /** @param baud the rate the port was opened at, for the message */
    public ProtocolInput(Time time, int baud) {
        this(time, baud, InputLog.of(ProtocolInput.class));
    }

    ProtocolInput(Time time, int baud, InputLog log) {
        this.time = time;
        this.baud = baud;
        this.log = log;
    }

    @Override
    public void connected(String port) {
        this.port = port;
        decoder.reset();
        notice.reset();
    }

    @Override
    public void feed(byte[] bytes, int off, int len, InputListener listener) {
        watch.downstream = listener;
        decoder.feed(bytes, off, len, watch);
        watch.downstream = null;
        if (notice.due(time.nanoTime())) {
            log.warn("bytes arrive on " + port + " but none decode as acumat protocol: does the mat print text? use"
                    + " --input csv (or auto) with --rows, --cols and --pitch-mm; wrong --baud (now " + baud + ")?");
        }
    }

    /** Passes everything on, noting that a message came. */
    private final class Watch implements InputListener {
        InputListener downstream;

        @Override
        public void onMessage(Message message) {
            notice.decoded();
            downstream.onMessage(message);
        }

        @Override
        public void onMessage(Message message, byte[] bytes, int offset, int length) {
            notice.decoded();
            downstream.onMessage(message, bytes, offset, length);
        }

        @Override
        public void onError(DecodeError error) {
            downstream.onError(error);
        }

        @Override
        public void onMalformedLine() {
            downstream.onMalformedLine();
        }
    }
}
