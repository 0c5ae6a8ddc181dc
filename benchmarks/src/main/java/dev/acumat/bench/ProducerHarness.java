package dev.acumat.bench;

import dev.acumat.contract.Topics;
import dev.acumat.gateway.Backoff;
import dev.acumat.gateway.FrameIntake;
import dev.acumat.gateway.kafka.KafkaConnection;
import dev.acumat.gateway.kafka.KafkaSender;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.time.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The gateway's producer against Kafka's own producer benchmark (ProducerPerformance, from
 * kafka-tools) into the same broker, in the same run, with the same record size, acks (all),
 * idempotence, compression (none, as the gateway's), linger and batch size. The gateway's side is its real path:
 * frames through {@link FrameIntake} into a {@link Spool}, then {@link KafkaSender} with its
 * {@link KafkaConnection}; its rate counts from the first acknowledgement to the last, so the
 * connection's start (topics, the duplicate check) is left out as ProducerPerformance leaves out
 * its JVM's start. Rounds alternate and the best of each side counts.
 */
final class ProducerHarness {
    static final double TARGET_RATIO = 0.9;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private final Results results;
    private final String bootstrap;
    private final Path work;
    private final int records;
    private final int rounds;

    ProducerHarness(Results results, String bootstrap, Path work, boolean quick) {
        this.results = results;
        this.bootstrap = bootstrap;
        this.work = work;
        this.records = quick ? 20_000 : 100_000;
        this.rounds = quick ? 1 : 2;
    }

    void run() throws Exception {
        SampleFrames sample = SampleFrames.of("32x20", "producer-mat", 256, 13);
        long bytes = 0;
        for (PressureFrame f : sample.frames()) {
            bytes += MessageWriter.toBytes(f).length;
        }
        int recordSize = (int) (bytes / sample.frames().size());
        createTopic("bench.producer-performance");
        double gateway = 0;
        double kafka = 0;
        for (int round = 0; round < rounds; round++) {
            gateway = Math.max(gateway, gatewayRate(sample, round));
            kafka = Math.max(kafka, producerPerformance(recordSize, round));
        }
        double ratio = gateway / kafka;
        results.add("producer: gateway's sender, records/s (" + recordSize + " B mean, no compression, acks=all)",
                Results.num(gateway, 0));
        results.add("producer: ProducerPerformance, records/s (" + recordSize + " B, same settings)",
                Results.num(kafka, 0));
        results.add("producer: gateway / ProducerPerformance", Results.num(ratio, 2), ">= 0.9", ratio >= TARGET_RATIO);
    }

    /** Spools {@link #records} frames as the gateway does, then times the sender draining them to the broker. */
    private double gatewayRate(SampleFrames sample, int round) throws Exception {
        // A sender first reads acumat.frames back for what its spool already sent: on a topic
        // that the pipeline filled with millions of frames that takes minutes. Start empty.
        deleteTopic(Topics.FRAMES);
        Path dir = work.resolve("producer-spool-" + round);
        try (Spool spool = Spool.open(dir, SpoolConfig.defaults(), Time.SYSTEM)) {
            FrameIntake intake = new FrameIntake(spool, null, Time.SYSTEM);
            byte[] info = MessageWriter.toBytes(sample.info());
            intake.onMessage(sample.info(), info, 0, info.length);
            for (int i = 0; i < records; i++) {
                PressureFrame f = sample.frames().get(i % sample.frames().size());
                // 1 ms of device time a frame: at the real 40 ms, 100,000 frames would reach more than
                // an hour past now, and the broker refuses timestamps that far ahead.
                PressureFrame renumbered = new PressureFrame(i, i * 1_000L, f.rows(), f.cols(), f.toArray());
                byte[] b = MessageWriter.toBytes(renumbered);
                intake.onMessage(renumbered, b, 0, b.length);
            }
            long total = spool.nextOffset() - spool.acknowledged() - 1;
            String id = UUID.randomUUID().toString();
            KafkaSender sender = new KafkaSender(spool, () -> new KafkaConnection(bootstrap, "bench-gateway", id,
                    Map.of(Topics.FRAMES, Topics.DEFAULT_FRAMES_PARTITIONS, Topics.DEVICE_HEALTH, Topics.OTHER_PARTITIONS)),
                    id, 16L * 1024 * 1024 /* the gateway's window */, Time.SYSTEM,
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)));
            Thread thread = new Thread(sender, "bench-kafka-sender");
            thread.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                while (sender.sent() == 0) {
                    waitBriefly(deadline, "the sender's first acknowledgement");
                }
                long first = sender.sent();
                long t0 = System.nanoTime();
                while (sender.sent() < total) {
                    waitBriefly(deadline, "the sender to send " + total + " records (sent " + sender.sent() + ")");
                }
                return (sender.sent() - first) / ((System.nanoTime() - t0) / 1e9);
            } finally {
                sender.stop();
                thread.join(30_000);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Kafka's benchmark in a JVM of its own; its summary line's records/s. */
    private double producerPerformance(int recordSize, int round) throws Exception {
        List<String> args = new ArrayList<>(List.of("--topic", "bench.producer-performance",
                "--num-records", Integer.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                "enable.idempotence=true", "max.in.flight.requests.per.connection=5", "compression.type=none",
                "linger.ms=5", "batch.size=262144", "buffer.memory=67108864"));
        try (ChildJvm pp = ChildJvm.start("ProducerPerformance", List.of("-Xmx512m"),
                "org.apache.kafka.tools.ProducerPerformance", args, work.resolve("producer-performance-" + round + ".log"))) {
            int exit = pp.waitFor(300, TimeUnit.SECONDS);
            Matcher m = SUMMARY.matcher(pp.output());
            double rate = -1;
            while (m.find()) {
                if (Long.parseLong(m.group(1)) == records) {
                    rate = Double.parseDouble(m.group(2));
                }
            }
            if (exit != 0 || rate < 0) {
                throw new IllegalStateException("ProducerPerformance failed (exit " + exit + "); see " + pp.log());
            }
            return rate;
        }
    }

    private void createTopic(String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            // One partition: the gateway's frames of one mat (one key) go to one partition too.
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
        }
    }

    private void deleteTopic(String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get().contains(topic)) {
                admin.deleteTopics(List.of(topic)).all().get();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (admin.listTopics().names().get().contains(topic)) {
                waitBriefly(deadline, "the deletion of " + topic);
            }
        }
    }

    private static void waitBriefly(long deadline, String what) throws InterruptedException {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
        Thread.sleep(2);
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
