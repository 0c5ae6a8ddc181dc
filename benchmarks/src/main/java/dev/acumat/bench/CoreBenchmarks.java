package dev.acumat.bench;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.StreamDecoder;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The per-core figures: the decoder's MB/s and the analytics' frames/s, by JMH (wall clock, one
 * forked JVM) and by this thread's CPU time (see {@link CpuRate}), for each geometry.
 */
final class CoreBenchmarks {
    static final double DECODER_TARGET_MB_S = 500;
    static final double ANALYZER_TARGET_FRAMES_S = 100_000;
    private static final List<String> GEOMETRIES = List.of("32x20", "64x32");

    private final Results results;
    private final int iterations;

    CoreBenchmarks(Results results, boolean quick) {
        this.results = results;
        this.iterations = quick ? 1 : 5;
    }

    void run() throws RunnerException {
        for (String g : GEOMETRIES) {
            double bytes = DecoderBenchmark.streamBytes(g);
            double jmh = jmh(DecoderBenchmark.class, g) * bytes / 1e6;
            double cpu = CpuRate.measure(decodeBatch(g), 1, iterations) * bytes / 1e6;
            results.add("decoder " + g + ", MB/s per core (JMH)", Results.num(jmh, 0), ">= 500", jmh >= DECODER_TARGET_MB_S);
            results.add("decoder " + g + ", MB/s per CPU-second", Results.num(cpu, 0), ">= 500", cpu >= DECODER_TARGET_MB_S);
        }
        for (String g : GEOMETRIES) {
            double jmh = jmh(AnalyzerBenchmark.class, g);
            double cpu = CpuRate.measure(analyzeBatch(g), 1, iterations);
            results.add("analytics " + g + ", frames/s per core (JMH)", Results.num(jmh, 0), ">= 100,000",
                    jmh >= ANALYZER_TARGET_FRAMES_S);
            results.add("analytics " + g + ", frames per CPU-second", Results.num(cpu, 0), ">= 100,000",
                    cpu >= ANALYZER_TARGET_FRAMES_S);
        }
    }

    private double jmh(Class<?> benchmark, String geometry) throws RunnerException {
        Options options = new OptionsBuilder().include(benchmark.getName() + ".*").param("geometry", geometry)
                .warmupIterations(Math.max(2, iterations / 2)).warmupTime(TimeValue.seconds(1))
                .measurementIterations(Math.max(2, iterations)).measurementTime(TimeValue.seconds(1))
                .forks(1).shouldFailOnError(true).build();
        Collection<RunResult> run = new Runner(options).run();
        return run.iterator().next().getPrimaryResult().getScore();
    }

    /** One decode of the whole sample stream per call, as in {@link DecoderBenchmark}. */
    private static java.util.function.LongSupplier decodeBatch(String geometry) {
        byte[] stream = DecoderBenchmark.stream(geometry);
        StreamDecoder decoder = new StreamDecoder();
        long[] sink = new long[1];
        DecodeListener listener = new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                sink[0]++;
            }

            @Override
            public void onError(DecodeError error) {
                throw new IllegalStateException(error.toString());
            }
        };
        return () -> {
            for (int off = 0; off < stream.length; off += 4096) {
                decoder.feed(stream, off, Math.min(4096, stream.length - off), listener);
            }
            return 1;
        };
    }

    /** 512 frames through one analyzer per call, as in {@link AnalyzerBenchmark}. */
    private static java.util.function.LongSupplier analyzeBatch(String geometry) {
        SampleFrames sample = SampleFrames.of(geometry, "bench", 512, 7);
        MatAnalyzer analyzer = new MatAnalyzer(MatSpec.of(sample.info()));
        long[] time = new long[1];
        return () -> {
            for (PressureFrame f : sample.frames()) {
                time[0] += 40_000;
                analyzer.analyze(time[0], f);
            }
            return sample.frames().size();
        };
    }
}
