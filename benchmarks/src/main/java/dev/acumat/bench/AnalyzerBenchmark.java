package dev.acumat.bench;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.protocol.PressureFrame;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * All the analytics of one frame on one core, as the stream processor runs them: the frame's
 * values out of the protocol object, then {@link MatAnalyzer#analyze} (pressure map, contact,
 * body, posture, lower back, sessions and shifts). The frames walk through the whole session
 * scenario so that every branch (empty mat, getting on, lying, shifting) is in the mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnalyzerBenchmark {
    @Param({"32x20", "64x32"})
    public String geometry;

    private List<PressureFrame> frames;
    private MatAnalyzer analyzer;
    private int next;
    private long time;

    @Setup(Level.Trial)
    public void setUp() {
        SampleFrames sample = SampleFrames.of(geometry, "bench", 512, 7);
        frames = sample.frames();
        analyzer = new MatAnalyzer(MatSpec.of(sample.info()));
    }

    @Benchmark
    public MatAnalyzer.FrameResult analyze() {
        PressureFrame frame = frames.get(next);
        next = (next + 1) % frames.size();
        time += 40_000;  // frame time moves on, as the sessions need
        return analyzer.analyze(time, frame);
    }
}
