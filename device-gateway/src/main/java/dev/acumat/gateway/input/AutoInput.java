package dev.acumat.gateway.input;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.time.Time;
import java.util.Arrays;

/**
 * {@code --input auto}: each connection's first bytes decide between the acumat protocol and a
 * text mat, and the log says which and why. The protocol decoder reads from the first byte, so
 * a protocol mat loses nothing: its first whole message decides. Text needs two whole lines in
 * a row (after the first, which may be cut) of the same count of whole numbers, that count the
 * grid's cells when a grid is given, and no 0x00 byte on the connection: every protocol message ends with one, no text has one, so a protocol
 * frame whose cells happen to spell lines of numbers is not taken for text. The bytes read until
 * text wins are kept (bounded) and handed to the {@link TextInput}, so its first frames are not
 * lost. With a grid, lines of another count never decide: a burst that starts with two malformed
 * lines of one length would otherwise name the wrong count, and a grid that does not match the
 * mat's lines is said as such instead of as a wrong baud rate. The protocol decoder's errors before the choice are kept (bounded) and counted only if
 * the protocol wins.
 *
 * <p>Without a grid ({@code --rows}, {@code --cols}, {@code --pitch-mm}) a text mat is
 * recognised and named as such, but not read.
 */
public final class AutoInput implements MatInput {
    /** The longest line probed when no grid is given: about ten thousand values. */
    static final int PROBE_LINE_BYTES = 64 * 1024;
    static final int LINES_TO_DECIDE = 2;
    /** Decode errors kept until the choice: a damaged line's worth, not a flood's. */
    static final int HELD_ERRORS_MAX = 1024;

    private enum State { UNDECIDED, BINARY, TEXT, TEXT_WITHOUT_GRID }

    private final Time time;
    private final int baud;
    private final TextInput text;
    private final StreamDecoder decoder = new StreamDecoder();
    private final TextLineDecoder probe;
    private final Probe probeSink = new Probe();
    private final Watch watch = new Watch();
    private final UndecodedNotice notice = new UndecodedNotice();
    private final int keepMax;
    private byte[] kept = new byte[4096];
    private int keptLength;
    private State state = State.UNDECIDED;
    private boolean sawDelimiter;
    private final java.util.List<DecodeError> heldErrors = new java.util.ArrayList<>();
    private final InputLog log;
    private String port = "?";

    /**
     * @param text the text mat to read when text wins, or null when no grid was given
     * @param baud the rate the port was opened at, for the message when nothing decodes
     */
    public AutoInput(TextInput text, TextMat mat, Time time, int baud) {
        this(text, mat, time, baud, InputLog.of(AutoInput.class));
    }

    AutoInput(TextInput text, TextMat mat, Time time, int baud, InputLog log) {
        this.log = log;
        this.text = text;
        this.time = time;
        this.baud = baud;
        int maxLine = mat != null ? mat.maxLineBytes() : PROBE_LINE_BYTES;
        this.probe = new TextLineDecoder(0, maxLine);
        this.probeSink.expected = mat != null && text != null ? mat.cells() : 0;
        this.keepMax = (LINES_TO_DECIDE + 2) * maxLine;
    }

    @Override
    public void connected(String port) {
        this.port = port;
        state = State.UNDECIDED;
        decoder.reset();
        probe.reset();
        probeSink.reset();
        notice.reset();
        keptLength = 0;
        sawDelimiter = false;
        heldErrors.clear();
    }

    @Override
    public void feed(byte[] bytes, int off, int len, InputListener listener) {
        switch (state) {
            case BINARY -> feedDecoder(bytes, off, len, listener);
            case TEXT -> text.feed(bytes, off, len, listener);
            case TEXT_WITHOUT_GRID -> { }
            case UNDECIDED -> probe(bytes, off, len, listener);
        }
    }

    private void feedDecoder(byte[] bytes, int off, int len, InputListener listener) {
        watch.downstream = listener;
        decoder.feed(bytes, off, len, watch);
        watch.downstream = null;
    }

    private void probe(byte[] bytes, int off, int len, InputListener listener) {
        feedDecoder(bytes, off, len, listener);
        if (state != State.UNDECIDED) {
            return;
        }
        keep(bytes, off, len);
        probe.feed(bytes, off, len, probeSink);
        for (int i = off; i < off + len && !sawDelimiter; i++) {
            sawDelimiter = bytes[i] == 0;
        }
        if (probeSink.decided && !sawDelimiter) {
            if (text == null) {
                state = State.TEXT_WITHOUT_GRID;
                log.warn("port " + port + ": the mat prints lines of " + probeSink.decidedCount + " numbers, not the acumat protocol:"
                        + " give --rows, --cols and --pitch-mm to read it as a text mat");
            } else {
                state = State.TEXT;
                log.info("port " + port + ": input is text (" + LINES_TO_DECIDE + " lines of " + probeSink.decidedCount
                        + " numbers, no protocol message): reading it as a text mat");
                text.connected(port);
                text.feed(kept, 0, keptLength, listener);
            }
            kept = new byte[4096];
            keptLength = 0;
        } else if (notice.due(time.nanoTime())) {
            if (probeSink.repeatsAnotherCount()) {
                log.warn("port " + port + ": the mat prints lines of " + probeSink.count + " numbers, but --rows and --cols"
                        + " give " + probeSink.expected + " cells: check --rows and --cols");
                return;
            }
            log.warn("bytes arrive on " + port + " but decode neither as acumat protocol nor as lines of numbers:"
                    + " wrong --baud (now " + baud + ")?");
        }
    }

    /** Keeps what text would need, within bounds: past them the oldest is let go, cutting a line at most. */
    private void keep(byte[] bytes, int off, int len) {
        if (keptLength + len > keepMax) {
            keptLength = 0;
            if (len > keepMax) {
                off += len - keepMax;
                len = keepMax;
            }
        }
        if (keptLength + len > kept.length) {
            kept = Arrays.copyOf(kept, Math.min(keepMax, Math.max(kept.length * 2, keptLength + len)));
        }
        System.arraycopy(bytes, off, kept, keptLength, len);
        keptLength += len;
    }

    private void decideBinary(InputListener downstream) {
        state = State.BINARY;
        log.info("port " + port + ": input is the acumat protocol (a message decoded)");
        heldErrors.forEach(downstream::onError);
        heldErrors.clear();
        kept = new byte[4096];
        keptLength = 0;
    }

    /** Counts whole lines of numbers in a row; with an expected count, only lines of that count decide. */
    private static final class Probe implements TextLineDecoder.Sink {
        int expected;
        boolean pastFirst;
        int run;
        int count;
        boolean decided;
        /** The count of the lines that decided. */
        int decidedCount;

        void reset() {
            pastFirst = false;
            run = 0;
            count = 0;
            decided = false;
        }

        @Override
        public void onValues(int[] values, int n) {
            if (!pastFirst) {
                pastFirst = true;
                return;
            }
            run = n == count ? run + 1 : 1;
            count = n;
            if (!decided && run >= LINES_TO_DECIDE && n >= 2 && (expected == 0 || n == expected)) {
                decided = true;
                // A read holds many lines: the ones after the deciding pair (a malformed line,
                // say) move count on before the decision is acted on.
                decidedCount = n;
            }
        }

        /** Lines keep coming with one count, and it is not the grid's. */
        boolean repeatsAnotherCount() {
            return expected != 0 && run >= LINES_TO_DECIDE && count != expected;
        }

        @Override
        public void onOther(TextLineDecoder.Kind kind, String detail) {
            pastFirst = true;
            if (kind != TextLineDecoder.Kind.HEADER) {
                run = 0;
                count = 0;
            }
        }
    }

    /** Passes the protocol decoder's output on once it is known to be a protocol mat; its first message decides. */
    private final class Watch implements InputListener {
        InputListener downstream;

        @Override
        public void onMessage(Message message) {
            if (state == State.UNDECIDED) {
                decideBinary(downstream);
            }
            downstream.onMessage(message);
        }

        @Override
        public void onMessage(Message message, byte[] bytes, int offset, int length) {
            if (state == State.UNDECIDED) {
                decideBinary(downstream);
            }
            downstream.onMessage(message, bytes, offset, length);
        }

        @Override
        public void onError(DecodeError error) {
            if (state == State.BINARY) {
                downstream.onError(error);
            } else if (heldErrors.size() < HELD_ERRORS_MAX) {
                // Counted only if the port turns out to carry the protocol: for a text mat it means nothing.
                heldErrors.add(error);
            }
        }

        @Override
        public void onMalformedLine() {
            downstream.onMalformedLine();
        }
    }
}
