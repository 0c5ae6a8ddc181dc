package dev.acumat.cli;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.simulator.FilterPortLink;
import dev.acumat.simulator.PortLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulated mat meant to send and what actually went down the line, for telling the
 * frames a noisy line left intact from the stretches it damaged. Two taps around the noise:
 * {@link #clean} above it sees each message as the simulator wrote it, {@link #line} below it
 * sees every byte the receiver gets. The verdict is by bytes alone, apart from the decoder under
 * test: between two delimiters on the line there is either exactly the stuffed form of a message
 * that was sent (intact), or something else (damaged, and a receiver must count it).
 */
final class WireLedger {
    private final Map<ByteBuffer, Sent> sent = new HashMap<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** A message as the simulator sent it: its unstuffed bytes, and its sequence number if a frame (else -1). */
    record Sent(byte[] bytes, long sequence) {
    }

    /** The count of a line: intact frames by sequence number, and the damaged stretches. */
    record Verdict(Map<Long, byte[]> intactFrames, int intactOthers, int damaged) {
    }

    /** The tap above the noise. */
    PortLink clean(PortLink below) {
        return new Tap(below) {
            @Override
            void saw(byte[] bytes) {
                recordSent(bytes);
            }
        };
    }

    /** The tap below the noise. */
    PortLink line(PortLink below) {
        return new Tap(below) {
            @Override
            void saw(byte[] bytes) {
                synchronized (line) {
                    line.writeBytes(bytes);
                }
            }
        };
    }

    private synchronized void recordSent(byte[] written) {
        new StreamDecoder().feed(withLeadingDelimiter(written), new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                throw new AssertionError("the decoder hands on bytes with each message");
            }

            @Override
            public void onMessage(Message message, byte[] bytes, int offset, int length) {
                byte[] unstuffed = Arrays.copyOfRange(bytes, offset, offset + length);
                byte[] wire = WireEncoder.frame(unstuffed);
                ByteBuffer key = ByteBuffer.wrap(Arrays.copyOf(wire, wire.length - 1));
                sent.put(key, new Sent(unstuffed, message instanceof PressureFrame f ? f.sequence() : -1));
            }

            @Override
            public void onError(DecodeError error) {
                throw new AssertionError("the simulator wrote a bad message: " + error);
            }
        });
    }

    private static byte[] withLeadingDelimiter(byte[] b) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 1, b.length);
        return out;
    }

    /**
     * Splits the line at its delimiters the way the protocol says a receiver must: nothing before
     * the first delimiter (it may have joined mid-message), nothing after the last (not yet
     * complete), and no stretch between two adjacent delimiters.
     */
    synchronized Verdict verdict() {
        byte[] bytes;
        synchronized (line) {
            bytes = line.toByteArray();
        }
        Map<Long, byte[]> frames = new LinkedHashMap<>();
        int others = 0;
        int damaged = 0;
        int start = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                continue;
            }
            if (start >= 0 && i > start) {
                Sent s = sent.get(ByteBuffer.wrap(bytes, start, i - start).slice());
                if (s == null) {
                    damaged++;
                } else if (s.sequence() >= 0) {
                    frames.put(s.sequence(), s.bytes());
                } else {
                    others++;
                }
            }
            start = i + 1;
        }
        return new Verdict(frames, others, damaged);
    }

    /** Passes writes and reads through, showing each write to {@link #saw}. */
    private abstract static class Tap extends FilterPortLink {
        Tap(PortLink below) {
            super(below);
        }

        abstract void saw(byte[] bytes);

        @Override
        public void write(byte[] bytes) throws IOException {
            below.write(bytes);
            saw(bytes);
        }
    }
}
