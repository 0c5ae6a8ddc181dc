package dev.acumat.protocol;

import java.util.EnumMap;
import java.util.Map;

/**
 * Cuts a byte stream into messages. Feed it chunks of any size as they arrive; it calls the
 * listener with every whole message and every rejected stretch, and never throws on bad input.
 *
 * <p>Framing is apart from parsing: bytes up to each 0x00 delimiter are collected (never more
 * than the largest valid message; past that the stretch is dropped as {@link
 * DecodeErrorType#OVERSIZE} and skipped to the next delimiter), unstuffed, then handed to
 * {@link MessageReader}. After any error it resumes at the next delimiter. A fresh or reset
 * decoder skips everything before the first delimiter, since it may have joined mid-message.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class StreamDecoder {
    private enum State { SYNCING, COLLECTING, DISCARDING }

    private static final int INITIAL_BUFFER = 4096;

    private final int maxBodyLength;
    private final int maxStuffedLength;
    private byte[] buf;
    private int length;
    private State state = State.SYNCING;

    private long bytes;
    private long messages;
    private final long[] errors = new long[DecodeErrorType.values().length];
    private long bytesDropped;
    private long bytesSkipped;

    private final Counting counting = new Counting();
    private final UnstuffingWalk walk = new UnstuffingWalk();

    /** A decoder that accepts any valid message of the protocol. */
    public StreamDecoder() {
        this(WireFormat.MAX_BODY_LENGTH);
    }

    /** A decoder that rejects bodies larger than {@code maxBodyLength} (at most {@link WireFormat#MAX_BODY_LENGTH}). */
    public StreamDecoder(int maxBodyLength) {
        if (maxBodyLength < 0 || maxBodyLength > WireFormat.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("maxBodyLength out of 0.." + WireFormat.MAX_BODY_LENGTH
                    + ": " + maxBodyLength);
        }
        this.maxBodyLength = maxBodyLength;
        this.maxStuffedLength = WireFormat.maxStuffedLength(maxBodyLength);
        this.buf = new byte[Math.min(INITIAL_BUFFER, maxStuffedLength)];
    }

    public void feed(byte[] chunk, DecodeListener listener) {
        feed(chunk, 0, chunk.length, listener);
    }

    public void feed(byte[] chunk, int off, int len, DecodeListener listener) {
        bytes += len;
        counting.downstream = listener;
        int end = off + len;
        int pos = off;
        while (pos < end) {
            int zero = LittleEndian.indexOfZero(chunk, pos, end);
            int run = zero - pos;
            switch (state) {
                case SYNCING -> bytesSkipped += run;
                case DISCARDING -> bytesDropped += run;
                case COLLECTING -> collect(chunk, pos, run);
            }
            if (zero == end) {
                break;
            }
            onDelimiter();
            pos = zero + 1;
        }
        counting.downstream = null;
    }

    /** Forgets a partial message and skips to the next delimiter, as after reopening a port. */
    public void reset() {
        length = 0;
        state = State.SYNCING;
    }

    public DecoderStats stats() {
        Map<DecodeErrorType, Long> byType = new EnumMap<>(DecodeErrorType.class);
        for (DecodeErrorType t : DecodeErrorType.values()) {
            byType.put(t, errors[t.ordinal()]);
        }
        return new DecoderStats(bytes, messages, byType, bytesDropped, bytesSkipped);
    }

    private void collect(byte[] chunk, int from, int run) {
        if (run > maxStuffedLength - length) {
            long dropped = (long) length + run;
            bytesDropped += dropped;
            length = 0;
            state = State.DISCARDING;
            counting.onError(new DecodeError(DecodeErrorType.OVERSIZE, dropped,
                    "no delimiter within " + maxStuffedLength + " bytes"));
            return;
        }
        if (length + run > buf.length) {
            int size = buf.length;
            while (size < length + run) {
                size *= 2;
            }
            buf = java.util.Arrays.copyOf(buf, Math.min(size, maxStuffedLength));
        }
        System.arraycopy(chunk, from, buf, length, run);
        length += run;
    }

    private void onDelimiter() {
        State was = state;
        state = State.COLLECTING;
        if (was != State.COLLECTING || length == 0) {
            length = 0;
            return;
        }
        int stuffed = length;
        length = 0;
        // collect() never keeps a delimiter; the message lands one byte up, where it needs no move.
        int n = walk.unstuff(buf, stuffed);
        if (n < 0) {
            bytesDropped += stuffed;
            counting.onError(new DecodeError(DecodeErrorType.BAD_FRAMING, stuffed, "invalid COBS stuffing"));
            return;
        }
        counting.stuffed = stuffed;
        MessageReader.read(buf, 1, n, maxBodyLength, counting, walk);
    }

    /** Counts on the way to the caller's listener; reused so the hot path allocates nothing extra. */
    private final class Counting implements DecodeListener {
        DecodeListener downstream;
        int stuffed;

        @Override
        public void onMessage(Message message) {
            messages++;
            downstream.onMessage(message);
        }

        @Override
        public void onMessage(Message message, byte[] bytes, int offset, int length) {
            messages++;
            downstream.onMessage(message, bytes, offset, length);
        }

        @Override
        public void onError(DecodeError error) {
            errors[error.type().ordinal()]++;
            if (error.type() != DecodeErrorType.OVERSIZE && error.type() != DecodeErrorType.BAD_FRAMING) {
                bytesDropped += stuffed;
                error = new DecodeError(error.type(), stuffed, error.detail());
            }
            downstream.onError(error);
        }
    }
}
