package dev.acumat.bench;

import dev.acumat.contract.Topics;
import dev.acumat.servers.LocalInflux;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole pipeline on this machine: N simulated mats at 25 Hz ({@link MatLoad}, one process,
 * many keys) into the local broker, {@code acumat analytics} as users run it (its own JVM, heap
 * capped at 256 MB, web server on, a stream thread per core as docs/OPERATIONS.md advises) consuming them and writing to the local influxd. Steps up N
 * and watches the analytics' consumer lag on acumat.frames: a step holds when the analytics keep
 * up with what was produced and the lag does not grow. Along the way: latency from a frame
 * leaving the generator to the live WebSocket and to InfluxDB, and the analytics' memory.
 */
final class PipelineHarness {
    static final int TARGET_MATS = 1500;
    /** The live view's p99 must hold in every one of this many measurements at 100 mats. */
    private static final int LATENCY_RUNS = 5;
    private static final String GROUP = "acumat-analytics";
    private static final String FRAMES = Topics.FRAMES;

    private final Results results;
    private final String bootstrap;
    private final long brokerPid;
    private final LocalInflux influx;
    private final Path work;
    private final boolean quick;
    private final double stepSeconds;

    private final int fixedMats;

    /**
     * {@code fixedMats} above 0 skips the steps: it holds that many mats for three steps, for a
     * profile of a given load (with {@code -Dbench.childJvmOptions=-XX:StartFlightRecording=...}).
     */
    PipelineHarness(Results results, String bootstrap, long brokerPid, LocalInflux influx, Path work, boolean quick,
                    int fixedMats) {
        this.fixedMats = fixedMats;
        this.results = results;
        this.bootstrap = bootstrap;
        this.brokerPid = brokerPid;
        this.influx = influx;
        this.work = work;
        this.quick = quick;
        this.stepSeconds = quick ? 4 : 20;
    }

    void run() throws Exception {
        int httpPort = GatewayPtyHarness.freePort();
        try (ChildJvm analytics = ChildJvm.start("analytics", ChildJvm.options("-Xmx256m"), "dev.acumat.cli.Acumat",
                List.of("analytics", "--kafka", bootstrap, "--influx", influx.url(), "--http", "127.0.0.1:" + httpPort,
                        "--state-dir", work.resolve("analytics-state").toString(), "--threads",
                        Integer.toString(Runtime.getRuntime().availableProcessors())),
                work.resolve("analytics.log"));
             Admin admin = admin();
             MatLoad load = new MatLoad(bootstrap, SampleFrames.of("32x20", "load", 256, 13))) {
            HttpClient http = HttpClient.newHttpClient();
            GatewayPtyHarness.await(() -> answers(http, httpPort), 120, "the analytics' web server");
            GatewayPtyHarness.await(() -> topicExists(admin), 60, Topics.FRAMES);
            // The live view's measured mat: a real gateway on a pty. It runs from the start, so
            // its JIT is done by the time latency is measured at 100 mats.
            serialMat = SerialMat.start(bootstrap, work);
            long gatewayPid = serialMat.gateway().pid();
            pauses = List.of(JvmPauses.watch("analytics", analytics.pid(), work.resolve("pauses-analytics.log")),
                    JvmPauses.watch("broker", brokerPid, work.resolve("pauses-broker.log")),
                    JvmPauses.watch("gateway", gatewayPid, work.resolve("pauses-gateway.log")),
                    JvmPauses.watch("bench", ProcessHandle.current().pid(), work.resolve("pauses-bench.log")));
            pathThreads = List.of(
                    new RunQueueWaits.Watched("analytics", analytics.pid(), List.of("live-feed", "JettyServerThre", "qtp")),
                    new RunQueueWaits.Watched("broker", brokerPid, List.of("data-plane-kafk")),
                    new RunQueueWaits.Watched("gateway", gatewayPid, List.of("")),
                    new RunQueueWaits.Watched("bench", ProcessHandle.current().pid(),
                            List.of("kafka-producer-", "HttpClient-")));
            Thread generator = new Thread(load, "bench-mats");
            generator.start();
            try {
                load.mats(1);
                // The stream threads join their group and restore state first: wait until they keep up.
                GatewayPtyHarness.await(() -> caughtUp(admin), 300, "the analytics to process the first frames");
                if (fixedMats > 0) {
                    load.mats(fixedMats);
                    for (int step = 0; step < 3; step++) {
                        hold(admin, load, analytics, fixedMats);
                    }
                    memory(analytics, fixedMats);
                    reportCost();
                    return;
                }
                hold(admin, load, analytics, 1);
                latency(httpPort, 1, 1);
                memory(analytics, 1);
                load.mats(100);
                hold(admin, load, analytics, 100);
                // Latency is a figure of a sustained load: a backlog left by the step up (100 mats
                // joining, the JIT still compiling) would be measured as latency.
                awaitBacklogUnder(admin, 100, 60);
                latency(httpPort, 100, quick ? 1 : LATENCY_RUNS);
                serialMat.close();  // the steps measure the analytics' capacity, with no gateway beside them
                memory(analytics, 100);
                int best = quick ? 100 : largestSustained(admin, load, analytics);
                if (!quick && best > 100) {
                    // A step can hold on borrowed time (a backlog still under the bound, the heap
                    // filling up): the largest must hold a second step to count.
                    System.out.printf("bench: pipeline %d mats once more%n", best);
                    // The step that fell behind left a backlog, and the largest load cannot clear
                    // it: it has next to no capacity to spare. The backlog drains at 100 mats, and
                    // the confirmation starts without it.
                    load.mats(100);
                    awaitBacklogUnder(admin, 100, 180);
                    load.mats(best);
                    if (!hold(admin, load, analytics, best)) {
                        best = previousStep(best);
                    }
                }
                results.add("pipeline: most mats at 25 Hz with no growing lag", best + " mats, "
                        + Results.num(best * 25, 0) + " frames/s", ">= " + Results.num(TARGET_MATS, 0) + " mats", best >= TARGET_MATS);
                reportCost();
            } finally {
                load.stop();
                generator.join(10_000);
                if (serialMat != null) {
                    serialMat.close();
                }
            }
        }
    }

    /** Steps of 100 mats above 100 (200 from 400 to 1,400) until a step fails to hold; the last that held. */
    private int largestSustained(Admin admin, MatLoad load, ChildJvm analytics) throws Exception {
        int best = 100;
        for (int n = 200; n <= 1600; n = nextStep(n)) {
            load.mats(n);
            if (!hold(admin, load, analytics, n)) {
                break;
            }
            best = n;
            if (n == 1000) {
                // Measured on the way up: after the larger steps the heap would also hold the
                // state of the mats that have stopped sending since.
                memory(analytics, n);
            }
        }
        return best;
    }

    private static int nextStep(int n) {
        return n < 400 || n >= 1400 ? n + 100 : n + 200;
    }

    private static int previousStep(int n) {
        return n <= 400 || n > 1400 ? n - 100 : n - 200;
    }

    /**
     * Runs {@code mats} for a step and says whether the analytics kept up: the frames it
     * processed in the step's second half are at least 97 % of those produced, and the lag at
     * the end is under two seconds of frames or no larger than at the half.
     */
    private boolean hold(Admin admin, MatLoad load, ChildJvm analytics, int mats) throws Exception {
        Thread.sleep((long) (stepSeconds * 500));  // let the step settle
        long lagMid = lag(admin);
        long sentMid = load.sent();
        long doneMid = committed(admin);
        double cpuMid = analytics.cpuSeconds();
        double[] othersMid = othersCpu();
        long t = System.nanoTime();
        Thread.sleep((long) (stepSeconds * 500));
        double seconds = (System.nanoTime() - t) / 1e9;
        long lagEnd = lag(admin);
        double produced = (load.sent() - sentMid) / seconds;
        double processed = (committed(admin) - doneMid) / seconds;
        double cpu = (analytics.cpuSeconds() - cpuMid) / seconds;
        double[] others = othersCpu();
        cost(mats, produced, processed, cpu, (others[0] - othersMid[0]) / seconds, (others[1] - othersMid[1]) / seconds,
                (others[2] - othersMid[2]) / seconds);
        // Offsets are committed once a second, so a lag under two seconds of frames is no lag.
        boolean held = lagEnd < 2 * 25 * mats || processed >= 0.97 * produced && lagEnd <= lagMid * 1.1;
        System.out.printf("bench: pipeline %d mats: produced %.0f/s, processed %.0f/s, lag %d -> %d, analytics CPU %.0f %%:"
                + " %s%n", mats, produced, processed, lagMid, lagEnd, cpu * 100, held ? "holds" : "falls behind");
        results.add("pipeline: " + mats + " mats, frames/s produced / processed (analytics CPU)",
                Results.num(produced, 0) + " / " + Results.num(processed, 0) + " (" + Results.num(cpu * 100, 0) + " %)");
        return held;
    }

    /** CPU seconds so far of the broker, influxd and this JVM (the load generator). */
    private double[] othersCpu() throws java.io.IOException {
        return new double[] {ProcStats.cpuSeconds(brokerPid), ProcStats.cpuSeconds(influx.pid().orElseThrow()),
                ProcStats.cpuSeconds(ProcessHandle.current().pid())};
    }

    /**
     * CPU per frame of each process, and the mats that would fit on this machine's cores if
     * nothing else ran: figures that the neighbours' load leaves nearly alone. Reported for the
     * busiest step, where the fixed costs (polls, punctuations) weigh least.
     */
    private void cost(int mats, double produced, double processed, double analytics, double broker, double influxd,
                      double generator) {
        if (processed < busiest || processed <= 0 || produced <= 0) {
            return;
        }
        busiest = processed;
        double a = analytics / processed * 1e6;
        double b = broker / produced * 1e6;
        double i = influxd / processed * 1e6;
        double g = generator / produced * 1e6;
        int cores = Runtime.getRuntime().availableProcessors();
        double fit = cores * 1e6 / (a + b + i + g) / 25;
        costLine = String.format(java.util.Locale.ROOT,
                "analytics %.0f, broker %.0f, influxd %.0f, generator %.0f (at %d mats)", a, b, i, g, mats);
        projected = fit;
    }

    private double busiest;
    private String costLine;
    private double projected;

    private void reportCost() {
        if (costLine != null) {
            results.add("pipeline: CPU per frame, us", costLine);
            results.add("pipeline: mats that fit on " + Runtime.getRuntime().availableProcessors()
                    + " idle cores at that cost (25 Hz)", Results.num(projected, 0), ">= " + Results.num(TARGET_MATS, 0), projected >= TARGET_MATS);
        }
    }

    private SerialMat serialMat;
    private List<JvmPauses> pauses = List.of();
    private List<RunQueueWaits.Watched> pathThreads = List.of();

    /**
     * {@code runs} measurements in a row of the latency to the live WebSocket and to InfluxDB.
     * The live view's target is the serial mat's: from the moment a frame was written to the
     * line to its arrival in the browser. The generator's mats (frame leaving the
     * generator to browser) are given beside it. For each run, where the frames over the target
     * lost their time ({@link LatencyTail}).
     */
    private void latency(int httpPort, int mats, int runs) throws Exception {
        List<String> generated = List.of(MatLoad.matId(0), MatLoad.matId(1), MatLoad.matId(2));
        List<String> p99s = new ArrayList<>();
        int met = 0;
        try (LiveProbe serial = new LiveProbe(httpPort, List.of(SerialMat.MAT_ID), serialMat::writtenMillis);
             LiveProbe live = new LiveProbe(httpPort, generated)) {
            Thread.sleep(2000);
            for (int run = 1; run <= runs; run++) {
                long start = System.currentTimeMillis();
                Histogram toInflux;
                Histogram fromSerial;
                Histogram toLive;
                LatencyTail.Explanation tail;
                try (RunQueueWaits waits = new RunQueueWaits(pathThreads)) {
                    serial.reset();
                    live.reset();
                    toInflux = new InfluxProbe(influx.url(), "^load-000[0-9]$").measure(quick ? 3 : 15);
                    fromSerial = serial.histogram();
                    toLive = live.histogram();
                    List<JvmPauses.Pause> paused = new ArrayList<>();
                    for (JvmPauses p : pauses) {
                        paused.addAll(p.since(start - 1000));
                    }
                    List<LiveProbe.Slow> slow = new ArrayList<>(serial.slow());
                    slow.addAll(live.slow());
                    tail = LatencyTail.explain(slow, paused, waits);
                }
                double p99 = fromSerial.getValueAtPercentile(99);
                boolean ok = fromSerial.getTotalCount() > 0 && p99 <= LiveProbe.SLOW_MICROS;
                met += ok ? 1 : 0;
                p99s.add(ms(p99));
                String of = runs > 1 ? ", run " + run + " of " + runs : "";
                results.add("serial frame to the live WebSocket, p50 / p99 (" + mats + " mats, "
                                + fromSerial.getTotalCount() + " frames" + of + ")",
                        ms(fromSerial.getValueAtPercentile(50)) + " / " + ms(p99) + " ms", "p99 <= 50 ms", ok);
                results.add("generator to the live WebSocket, p50 / p99 (" + mats + " mats, " + toLive.getTotalCount()
                                + " frames" + of + ")",
                        ms(toLive.getValueAtPercentile(50)) + " / " + ms(toLive.getValueAtPercentile(99)) + " ms");
                results.add("live view's tail, both (" + mats + " mats" + of + ")", tail.summary());
                System.out.printf("bench: live view's tail in detail (%d mats%s): %s%n", mats, of, tail.detail());
                results.add("latency to InfluxDB, p50 / p99 (" + mats + " mats, " + toInflux.getTotalCount() + " points"
                                + of + ")",
                        ms(toInflux.getValueAtPercentile(50)) + " / " + ms(toInflux.getValueAtPercentile(99)) + " ms",
                        "<= 2,000 ms", toInflux.getTotalCount() > 0 && toInflux.getValueAtPercentile(99) <= 2_000_000);
            }
        }
        if (runs > 1) {
            results.add("serial frame to the live WebSocket, p99 of " + runs + " runs (" + mats + " mats)",
                    String.join(", ", p99s) + " ms", "<= 50 ms in " + runs + " of " + runs, met == runs);
        }
    }

    private void memory(ChildJvm analytics, int mats) throws Exception {
        double heap = ProcStats.liveHeapMb(analytics.pid());
        // What the heap holds right after that full collection, for where the memory goes.
        Files.writeString(work.resolve("heap-histogram-" + mats + "-mats.txt"),
                ProcStats.jcmd(analytics.pid(), "GC.class_histogram"));
        double rss = ProcStats.rssMb(analytics.pid());
        results.add("analytics: heap after full GC / RSS, " + mats + " mats (-Xmx256m)",
                Results.num(heap, 1) + " MB / " + Results.num(rss, 0) + " MB",
                mats == 1000 ? "heap <= 256 MB, RSS <= 512 MB" : "",
                analytics.isAlive() && heap <= 256 && (mats != 1000 || rss <= 512));
    }

    private static String ms(double micros) {
        return Results.num(micros / 1000, 1);
    }

    /** Records produced to acumat.frames and not yet committed by the analytics. */
    private long lag(Admin admin) throws Exception {
        return ends(admin) - committed(admin);
    }

    private long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(FRAMES) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private long ends(Admin admin) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(List.of(FRAMES)).allTopicNames().get().get(FRAMES).partitions()
                .forEach(p -> partitions.add(new TopicPartition(FRAMES, p.partition())));
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(latest).all().get();
        return info.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private boolean caughtUp(Admin admin) {
        try {
            return committed(admin) > 0 && lag(admin) < 100;
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits up to {@code seconds} for the lag to fall under a second of {@code mats}' frames; says so when it does not. */
    private void awaitBacklogUnder(Admin admin, int mats, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long lag;
        while ((lag = lag(admin)) >= 25L * mats && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        if (lag >= 25L * mats) {
            System.out.printf("bench: %d mats: still %d frames behind after %d s; going on%n", mats, lag,
                    seconds);
        }
    }

    private boolean topicExists(Admin admin) {
        try {
            return admin.listTopics().names().get().contains(FRAMES);
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static boolean answers(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
        } catch (Exception e) {
            return false;
        }
    }
}
