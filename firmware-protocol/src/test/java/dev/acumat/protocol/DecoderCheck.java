package dev.acumat.protocol;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What must hold of the decoder whatever it is fed, for the fuzz tests: it never throws; what
 * it rejects comes out as its own {@link DecodeError}s and is counted in its stats; every
 * message it accepts re-encodes to a message that decodes to the same value, and the bytes it
 * hands on parse to that message; cutting the stream into other chunks changes nothing; and
 * what it allocates is bounded per message by the largest valid message, never by a length field.
 * Plain checks that throw {@link AssertionError}: they run a million times a minute.
 */
final class DecoderCheck {
    /** The decoder's buffer grown to its largest (doubling from 4 KiB) plus slack for the collections here. */
    static final long BASE_ALLOCATION = 4L * WireFormat.maxStuffedLength(WireFormat.MAX_BODY_LENGTH) + (1 << 20);
    /** Per message or error: a frame's values at 2 bytes a cell, its objects and an error's line of text. */
    static final long PER_EVENT_ALLOCATION = 2L * WireFormat.MAX_CELLS + 8192;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DecoderCheck() {
    }

    /** Feeds {@code data} whole, then in small uneven chunks, and checks both runs. */
    static void stream(byte[] data) {
        // Measured on a second pass: the first may load and instrument classes on this thread.
        Run.feed(data, data.length);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Run whole = Run.feed(data, data.length);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long events = whole.recorder.events.size();
        long bound = BASE_ALLOCATION + PER_EVENT_ALLOCATION * events + 2L * data.length;
        check(allocated <= bound, "decoding %d bytes into %d events allocated %d bytes, bound %d",
                data.length, events, allocated, bound);

        whole.checkStats(data.length);
        Run cut = Run.feed(data, 1 + data.length % 13);
        cut.checkStats(data.length);
        check(whole.recorder.events.equals(cut.recorder.events), "whole: %s; in chunks: %s",
                whole.recorder.events, cut.recorder.events);
        for (int i = 0; i < whole.recorder.messages.size(); i++) {
            checkRoundTrip(whole.recorder.messages.get(i));
            Message again = MessageReader.parse(whole.bytes.get(i));
            check(again.equals(whole.recorder.messages.get(i)), "the bytes handed on parse to %s, not %s", again,
                    whole.recorder.messages.get(i));
        }
    }

    /** Reads one unstuffed message: exactly one verdict, and a message survives a round trip. */
    static void message(byte[] message) {
        Recorder r = new Recorder();
        MessageReader.read(message, 0, message.length, WireFormat.MAX_BODY_LENGTH, r);
        check(r.events.size() == 1, "one message, one verdict: %s", r.events);
        if (!r.messages.isEmpty()) {
            checkRoundTrip(r.messages.get(0));
        }
    }

    private static void checkRoundTrip(Message m) {
        Message again = MessageReader.parse(MessageWriter.toBytes(m));
        check(again.equals(m), "%s re-encoded decodes to %s", m, again);
    }

    static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new AssertionError(String.format(java.util.Locale.ROOT, format, args));
        }
    }

    /** One pass of a fresh decoder over an input, and what it heard. */
    private static final class Run {
        final StreamDecoder decoder = new StreamDecoder();
        final Recorder recorder = new Recorder();
        final List<byte[]> bytes = new ArrayList<>();
        private final DecodeListener listener = new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                throw new AssertionError("a message without its bytes: " + message);
            }

            @Override
            public void onMessage(Message message, byte[] buf, int offset, int length) {
                bytes.add(Arrays.copyOfRange(buf, offset, offset + length));
                recorder.onMessage(message);
            }

            @Override
            public void onError(DecodeError error) {
                recorder.onError(error);
            }
        };

        static Run feed(byte[] data, int chunk) {
            Run run = new Run();
            for (int off = 0; off < data.length; off += chunk) {
                run.decoder.feed(data, off, Math.min(chunk, data.length - off), run.listener);
            }
            return run;
        }

        void checkStats(long fed) {
            DecoderStats s = decoder.stats();
            check(s.bytes() == fed, "stats count %d bytes, %d fed", s.bytes(), fed);
            check(s.messages() == recorder.messages.size(), "stats count %d messages, %d heard", s.messages(),
                    recorder.messages.size());
            check(s.totalErrors() == recorder.errors.size(), "stats count %d errors, %d heard", s.totalErrors(),
                    recorder.errors.size());
            for (DecodeErrorType t : DecodeErrorType.values()) {
                long heard = recorder.errors.stream().filter(e -> e.type() == t).count();
                check(s.errors(t) == heard, "stats count %d %s, %d heard", s.errors(t), t, heard);
            }
            long dropped = 0;
            for (DecodeError e : recorder.errors) {
                Objects.requireNonNull(e.detail());
                check(e.bytes() > 0, "an error that drops no byte: %s", e);
                dropped += e.bytes();
            }
            // Past an OVERSIZE error the decoder keeps dropping up to the next delimiter: those count too.
            boolean discarded = s.errors(DecodeErrorType.OVERSIZE) > 0;
            check(discarded ? s.bytesDropped() >= dropped : s.bytesDropped() == dropped,
                    "stats drop %d bytes, the errors %d", s.bytesDropped(), dropped);
            check(s.bytesDropped() + s.bytesSkipped() <= fed, "more dropped and skipped than fed: %s", s);
        }
    }
}
