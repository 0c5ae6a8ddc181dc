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
    private final boolean quick;
    private final int iterations;

    CoreBenchmarks(Results results, boolean quick) {
        this.results = results;
        this.quick = quick;
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

    /**
     * JMH's settings. Warm-up: C2 has compiled the hot loops after one or two 1-second
     * iterations, and the score is flat from the third (the iterations' scores in the log show
     * it), so five leave a margin for a crowded machine, where the compiler threads get less of
     * a core. Forks: each JVM makes its own inlining and profile decisions, so two forks of one
     * build can differ by more than one fork's iterations do; three forks show that spread, and
     * JMH's error bar covers it. Measurement: eight 1-second iterations a fork, 24 in all.
     */
    private Options options(String include, String geometry) {
        return new OptionsBuilder().include(include).param("geometry", geometry)
                .warmupIterations(quick ? 1 : 5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 1 : 8).measurementTime(TimeValue.seconds(1))
                .forks(quick ? 1 : 3).shouldFailOnError(true).build();
    }

    private double jmh(Class<?> benchmark, String geometry) throws RunnerException {
        Collection<RunResult> run = new Runner(options(benchmark.getName() + ".*", geometry)).run();
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
