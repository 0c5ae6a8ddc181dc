package dev.acumat.bench;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.protocol.WireEncoder;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The gateway's decoding on one core: a recorded serial stream (COBS framing, CRC-32C, frame
 * parsing) fed in the 4 KiB chunks a serial read returns, as {@code FrameIntake} sees it. One
 * operation decodes the whole stream; {@link #streamBytes} turns operations into bytes.
 *
 * <p>{@link #readBytes} is the yardstick in the same run: the same stream, in the same chunks,
 * only read. The decoder's target (docs/PERFORMANCE.md) is their ratio ({@link #ratioToBaseline}), which the machine's
 * neighbours move far less than either figure.
 *
 * <p>Warm-up: ten one-second iterations. Watched iteration by iteration ({@code -wi 0 -i
 * 10}), {@code decode} reached its steady score at the fourth to fifth iteration at a load
 * average of 7 and at the fifth to eighth at 15 to 19: C2's compiler threads share the crowded
 * cores too, and until {@code feed} and the walk it inlines are compiled, the score is a
 * fifth of the final one. {@code readBytes} is steady from the second. Ten leave a margin at
 * the loads these machines see. Five measured iterations give JMH a mean and an error. One
 * fork: the decoder has one stream and one path, so a second fork repeats the same compiled
 * code, and what differs between runs here is the neighbours, which the ratio to {@code
 * readBytes} (and a per-CPU-second figure, {@link #readBatch} and {@link #decodeBatch}) takes
 * out better than more forks would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecoderBenchmark {
    /** Frames in the stream: 10 s of a mat at 25 Hz, spread over the whole session scenario. */
    static final int FRAMES = 250;
    private static final int CHUNK = 4096;

    @Param({"32x20", "64x32"})
    public String geometry;

    private byte[] stream;
    private StreamDecoder decoder;

    /** Hands every message on to the blackhole so that nothing is optimised away. */
    private static final class Sink implements DecodeListener {
        Blackhole hole;
        long messages;

        @Override
        public void onMessage(Message message) {
            messages++;
            hole.consume(message);
        }

        @Override
        public void onMessage(Message message, byte[] bytes, int offset, int length) {
            messages++;
            hole.consume(message);
            hole.consume(bytes[offset + length - 1]);
        }

        @Override
        public void onError(DecodeError error) {
            throw new IllegalStateException("a clean stream decoded with an error: " + error);
        }
    }

    private final Sink sink = new Sink();

    @Setup(Level.Trial)
    public void setUp() {
        stream = stream(geometry);
        decoder = new StreamDecoder();
    }

    /** The wire bytes of {@link #FRAMES} frames, device-info first, as the mat sends them. */
    static byte[] stream(String geometry) {
        SampleFrames sample = SampleFrames.of(geometry, "bench", FRAMES, 13);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {WireEncoder.DELIMITER});
        out.writeBytes(WireEncoder.encode(sample.info()));
        sample.frames().forEach(f -> out.writeBytes(WireEncoder.encode(f)));
        return out.toByteArray();
    }

    /** Bytes decoded per operation, for the MB/s figure. */
    public static long streamBytes(String geometry) {
        return stream(geometry).length;
    }

    @Benchmark
    public long decode(Blackhole hole) {
        sink.hole = hole;
        long before = sink.messages;
        for (int off = 0; off < stream.length; off += CHUNK) {
            decoder.feed(stream, off, Math.min(CHUNK, stream.length - off), sink);
        }
        return sink.messages - before;
    }

    /**
     * The baseline: a plain loop that reads every byte of the same stream, chunk by chunk as
     * {@link #decode} is fed, and XORs them together; the JIT may unroll it as it would any
     * simple loop. It does no work on the bytes, so it is the speed of reading them at all.
     */
    @Benchmark
    public void readBytes(Blackhole hole) {
        for (int off = 0; off < stream.length; off += CHUNK) {
            hole.consume(xor(stream, off, Math.min(CHUNK, stream.length - off)));
        }
    }

    private static int xor(byte[] chunk, int off, int len) {
        int x = 0;
        for (int i = off, end = off + len; i < end; i++) {
            x ^= chunk[i];
        }
        return x;
    }

    /** One decode of the whole stream per call, as {@link #decode}: for a per-CPU-second figure ({@code CpuRate}). */
    public static LongSupplier decodeBatch(String geometry) {
        byte[] stream = stream(geometry);
        StreamDecoder decoder = new StreamDecoder();
        long[] seen = new long[2];
        DecodeListener listener = new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                seen[0]++;
            }

            @Override
            public void onMessage(Message message, byte[] bytes, int offset, int length) {
                seen[0]++;
                seen[1] += bytes[offset + length - 1];  // what the benchmark's blackhole is given
            }

            @Override
            public void onError(DecodeError error) {
                throw new IllegalStateException("a clean stream decoded with an error: " + error);
            }
        };
        return () -> {
            long before = seen[0];
            for (int off = 0; off < stream.length; off += CHUNK) {
                decoder.feed(stream, off, Math.min(CHUNK, stream.length - off), listener);
            }
            return seen[0] - before + (seen[1] & 1);
        };
    }

    /** One pass of {@link #readBytes}' loop over the whole stream per call, the yardstick of {@link #decodeBatch}. */
    public static LongSupplier readBatch(String geometry) {
        byte[] stream = stream(geometry);
        return () -> {
            int x = 0;
            for (int off = 0; off < stream.length; off += CHUNK) {
                x += xor(stream, off, Math.min(CHUNK, stream.length - off));
            }
            return x;
        };
    }
}
