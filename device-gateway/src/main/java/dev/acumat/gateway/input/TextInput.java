package dev.acumat.gateway.input;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.time.Time;

/**
 * {@code --input csv}: a text mat's lines become the protocol's messages, so they take the
 * gateway's one path into the spool. Each connection opens with the mat's device-info (again
 * every 5 s, as a protocol mat does); each line of exactly rows x cols values in range is a
 * pressure frame. The mat has no counter or clock: the gateway numbers its frames, one after the
 * other for as long as it runs (a reconnect is not a restart), and their device time is their
 * arrival on the gateway's clock, in microseconds since this input was made.
 *
 * <p>Other lines are malformed: counted, logged at most every 10 s, never sent. The first line
 * of a connection is dropped uncounted when malformed: the port may have opened mid-line. When
 * lines arrive but none is a frame for a few seconds, it says once per connection why.
 */
public final class TextInput implements MatInput {
    /** A protocol mat repeats its device-info at least every 5 s (PROTOCOL.md); a text mat's is repeated alike. */
    static final long INFO_EVERY_NANOS = 5_000_000_000L;
    static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private static final long SEQ_MOD = 1L << 32;

    private final TextMat mat;
    private final Time time;
    private final DeviceInfo info;
    private final byte[] infoBytes;
    private final TextLineDecoder lines;
    private final long startNanos;
    private final UndecodedNotice notice = new UndecodedNotice();
    private final Lines sink = new Lines();
    private final int[] frame;
    private final InputLog log;
    private String port = "?";
    private long sequence;
    private long lastDeviceMicros = -1;
    private long lastInfoNanos;
    private boolean infoSent;
    private boolean firstLine;
    private long malformed;
    private long lastWarningNanos;
    private boolean warned;
    private String lastProblem;

    public TextInput(TextMat mat, Time time) {
        this(mat, time, InputLog.of(TextInput.class));
    }

    TextInput(TextMat mat, Time time, InputLog log) {
        this.log = log;
        this.mat = mat;
        this.time = time;
        this.info = mat.deviceInfo();
        this.infoBytes = MessageWriter.toBytes(info);
        this.lines = new TextLineDecoder(mat.cells(), mat.maxLineBytes());
        this.frame = new int[mat.cells()];
        this.startNanos = time.nanoTime();
    }

    @Override
    public void connected(String port) {
        this.port = port;
        lines.reset();
        notice.reset();
        infoSent = false;
        firstLine = true;
        lastProblem = null;
    }

    @Override
    public boolean asksForDeviceInfo() {
        return false;
    }

    @Override
    public void feed(byte[] bytes, int off, int len, InputListener listener) {
        if (!infoSent) {
            // After the reader's onConnected, which makes the gateway wait for a device-info.
            sendInfo(listener, time.nanoTime());
        }
        sink.listener = listener;
        lines.feed(bytes, off, len, sink);
        sink.listener = null;
        if (notice.due(time.nanoTime()) && lastProblem != null) {
            log.warn("lines arrive on " + port + " but none is a frame of --rows x --cols = " + mat.rows() + " x "
                    + mat.cols() + " = " + mat.cells() + " values: " + lastProblem);
        }
    }

    private void sendInfo(InputListener listener, long nowNanos) {
        listener.onMessage(info, infoBytes, 0, infoBytes.length);
        infoSent = true;
        lastInfoNanos = nowNanos;
    }

    private void onValues(InputListener listener, int[] values, int count) {
        boolean first = firstLine;
        firstLine = false;
        if (count != frame.length) {
            malformed(listener, first, count + " values, not " + frame.length);
            return;
        }
        int max = mat.maxRaw();
        for (int i = 0; i < count; i++) {
            int v = values[i];
            if (v < 0 || v > max) {
                malformed(listener, first, "value " + v + " out of 0.." + max + " (--adc-bits " + mat.adcBits() + ")");
                return;
            }
            frame[i] = mat.invert() ? max - v : v;
        }
        long now = time.nanoTime();
        if (now - lastInfoNanos >= INFO_EVERY_NANOS) {
            sendInfo(listener, now);
        }
        // Strictly increasing: two lines read in one chunk arrive at the same instant, but a device
        // time that does not advance reads as a restarted mat.
        long device = Math.max((now - startNanos) / 1000, lastDeviceMicros + 1);
        lastDeviceMicros = device;
        PressureFrame f = new PressureFrame(sequence, device, mat.rows(), mat.cols(), frame);
        sequence = (sequence + 1) % SEQ_MOD;
        byte[] bytes = MessageWriter.toBytes(f);
        notice.decoded();
        listener.onMessage(f, bytes, 0, bytes.length);
    }

    private void malformed(InputListener listener, boolean firstOfConnection, String why) {
        if (firstOfConnection) {
            return;  // likely the tail of a line the port opened in the middle of
        }
        lastProblem = why;
        malformed++;
        listener.onMalformedLine();
        long now = time.nanoTime();
        if (!warned || now - lastWarningNanos >= WARN_EVERY_NANOS) {
            log.warn("port " + port + ": malformed line dropped (" + why + "); " + malformed + " dropped so far");
            warned = true;
            lastWarningNanos = now;
        }
    }

    /** Malformed lines since this input was made. */
    public long malformedLines() {
        return malformed;
    }

    private final class Lines implements TextLineDecoder.Sink {
        InputListener listener;

        @Override
        public void onValues(int[] values, int count) {
            TextInput.this.onValues(listener, values, count);
        }

        @Override
        public void onOther(TextLineDecoder.Kind kind, String detail) {
            if (kind == TextLineDecoder.Kind.HEADER) {
                firstLine = false;
                return;  // names of the columns, or a comment: not data, not wrong
            }
            boolean first = firstLine;
            firstLine = false;
            malformed(listener, first, detail);
        }
    }
}
