package dev.acumat.bench;

import dev.acumat.servers.LocalInflux;
import dev.acumat.servers.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the figures of docs/PERFORMANCE.md and prints them as a table: the JMH benchmarks, then
 * the harnesses against a local broker and influxd that it starts and stops itself.
 *
 * <pre>
 * BenchMain [--quick] [--only core,pipeline,influx,gateway,producer] [--mats N] [--work DIR]
 * </pre>
 * {@code --quick} runs each part briefly (a check that everything starts, not a measurement).
 * {@code --mats N} makes the pipeline part hold N mats for a minute instead of stepping up (to profile a load).
 * Everything it writes goes under the work directory (default {@code benchmarks/target/bench}).
 */
public final class BenchMain {
    /** A broker takes 3 s on an idle machine and nearly a minute on a crowded one. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final List<String> PARTS = List.of("core", "pipeline", "influx", "gateway", "producer");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> parts = new LinkedHashSet<>(PARTS);
        Path work = Path.of("benchmarks", "target", "bench");
        int mats = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> parts = parts(value(args, ++i, "--only"));
                case "--work" -> work = Path.of(value(args, ++i, "--work"));
                case "--mats" -> mats = positive(value(args, ++i, "--mats"), "--mats");
                default -> usage("unknown option " + args[i]);
            }
        }
        work = work.toAbsolutePath();
        ProducerHarness.deleteTree(work);
        Files.createDirectories(work);
        Results results = new Results();
        Instant start = Instant.now();
        System.out.printf("bench: %s, %d cores, load average %.1f; work directory %s%n",
                quick ? "quick check" : "measuring", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), work);
        boolean stopped = false;
        try {
            run(parts, quick, mats, work, results);
        } catch (Exception | Error e) {
            // The figures taken so far still count: print them with what went wrong.
            e.printStackTrace();
            results.add("(the run stopped)", e.toString(), "", false);
            stopped = true;
        }
        System.out.println();
        System.out.print(results.table());
        System.out.printf("%nbench: %s in %d s; load average %.1f at the end (2 cores: above 2 means others were busy)%n",
                String.join(", ", parts), Duration.between(start, Instant.now()).toSeconds(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        results.write(work.resolve("results.md"));
        if (stopped) {
            System.exit(1);
        }
    }

    static void run(Set<String> parts, boolean quick, int mats, Path work, Results results) throws Exception {
        if (parts.contains("core")) {
            new CoreBenchmarks(results, quick).run();
        }
        if (parts.stream().noneMatch(p -> !p.equals("core"))) {
            return;
        }
        try (LocalKafka kafka = LocalKafka.start(LocalKafka.Options.forTests(work.resolve("kafka"))
                .withStartTimeout(START_TIMEOUT))) {
            if (parts.contains("pipeline") || parts.contains("influx")) {
                try (LocalInflux influx = LocalInflux.start(LocalInflux.Options.of(work.resolve("influx"))
                        .withStartTimeout(START_TIMEOUT))) {
                    if (parts.contains("influx")) {
                        new InfluxSinkHarness(results, influx.url(), quick).run();
                    }
                    if (parts.contains("pipeline")) {
                        new PipelineHarness(results, kafka.bootstrap(), kafka.pid().orElseThrow(), influx, work, quick,
                                mats)
                                .run();
                    }
                }
            }
            // After the pipeline: these write acumat.frames with no analytics reading it.
            if (parts.contains("gateway")) {
                new GatewayPtyHarness(results, kafka.bootstrap(), work, quick).run();
            }
            if (parts.contains("producer")) {
                new ProducerHarness(results, kafka.bootstrap(), work, quick).run();
            }
        }
    }

    private static Set<String> parts(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : list.split(",")) {
            if (!PARTS.contains(p.strip())) {
                usage("--only takes " + String.join(",", PARTS) + ", got " + p);
            }
            out.add(p.strip());
        }
        return out;
    }

    private static int positive(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        usage(option + " takes a whole number above 0, got " + value);
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem + "; usage: BenchMain [--quick] [--only "
                + String.join(",", PARTS) + "] [--mats N] [--work DIR]");
        System.exit(2);
    }
}
