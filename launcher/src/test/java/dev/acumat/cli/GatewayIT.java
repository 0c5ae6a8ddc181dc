package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.ProcessLog.waitLogged;
import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.gateway.kafka.FrameRecords;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.synthetic.Scenarios;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway with real parts: a socat pty pair, the simulator as its own process, the gateway
 * as its own process, and a single-node KRaft broker. What reaches Kafka is checked frame by
 * frame, and once with kcat, a Kafka client of its own.
 */
class GatewayIT {
    @RegisterExtension
    static final SharedServers broker = SharedServers.broker();
    @RegisterExtension
    final Processes processes = new Processes();

    /** The gateway on {@code tty}, logging health every second and retrying a lost port within a second. */
    private Process gateway(Path tty, Path log, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--health-interval", "1", "--reconnect-max", "1"));
        args.addAll(List.of(more));
        return broker.gateway(processes, processes.dir(), log, tty, args.toArray(String[]::new));
    }

    private static final Pattern SUMMARY = Pattern.compile("sent (\\d+) frames in [0-9.]+ s, last sequence (-?\\d+)");

    /** Frames sent and the last sequence number, from the simulator's summary line. */
    static long[] summary(Path log) throws IOException {
        Matcher m = SUMMARY.matcher(Files.readString(log, StandardCharsets.UTF_8));
        assertThat(m.find()).as("the simulator's summary in %s", log).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    @Test
    void everyFrameArrivesOnceInOrderWithItsBytesIdentical() throws Exception {
        PtyLine pty = PtyLine.open(processes, processes.dir());
        Path gatewayLog = processes.dir().resolve("gateway.log");
        Process gateway = gateway(pty.host, gatewayLog, "--metrics", "127.0.0.1:0");
        Path simLog = processes.dir().resolve("simulate.log");
        Process sim = pty.simulate(simLog, "--scenario", "roll", "--speed", "5", "--seed", "3", "--mat-id", "mat-a");
        assertThat(sim.waitFor(180, TimeUnit.SECONDS)).as(log(simLog)).isTrue();
        long sent = summary(simLog)[0];

        try (TopicCollector frames = new TopicCollector(broker.bootstrap(), Topics.FRAMES);
             TopicCollector health = new TopicCollector(broker.bootstrap(), Topics.DEVICE_HEALTH)) {
            waitLogged("all " + sent + " frames in Kafka", gatewayLog,
                    () -> frames.poll() && KafkaFrames.of(frames.records("mat-a")).size() >= sent);
            List<ConsumerRecord<byte[], byte[]>> records = frames.records("mat-a");
            List<PressureFrame> got = KafkaFrames.of(records);
            assertThat(got).hasSize((int) sent);

            try (FrameSource expected = Scenarios.create("roll", 25, 3)) {
                int[] values = new int[got.get(0).cells()];
                int i = 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (MessageReader.parse(r.value()) instanceof DeviceInfo) {
                        continue;
                    }
                    assertThat(expected.next(values)).isTrue();
                    PressureFrame want = new PressureFrame(i, i * 40_000L, got.get(0).rows(), got.get(0).cols(), values);
                    assertThat(r.value()).as("frame %d, bytes as the mat sent them", i).isEqualTo(MessageWriter.toBytes(want));
                    assertThat(FrameRecords.header(r.headers(), PipelineHeaders.ENCODING)).isEqualTo("1");
                    assertThat(FrameRecords.header(r.headers(), PipelineHeaders.CLOCK_ANCHOR_US)).isNotNull();
                    i++;
                }
            }
            assertThat(records).extracting(ConsumerRecord::timestamp).isSorted();
            assertThat(records.stream().filter(r -> MessageReader.parse(r.value()) instanceof DeviceInfo)).isNotEmpty();

            waitFor("a health record of mat-a", () -> health.poll() && !health.records("mat-a").isEmpty());
            String json = new String(health.records("mat-a").get(0).value(), StandardCharsets.UTF_8);
            assertThat(json).startsWith("{\"mat\":\"mat-a\"").contains("\"frames\":");

            // kcat, an independent client, sees the same records.
            Process kcat = processes.start(new ProcessBuilder("kcat", "-C", "-b", broker.bootstrap(), "-t",
                    Topics.FRAMES, "-o", "beginning", "-e", "-q", "-f", "%k\\n").redirectErrorStream(true));
            List<String> keys = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(keys.stream().filter("mat-a"::equals).count()).isEqualTo(records.size());
        }

        Matcher metricsUrl = Pattern.compile("metrics: (\\S+)").matcher(log(gatewayLog));
        assertThat(metricsUrl.find()).as(log(gatewayLog)).isTrue();
        String scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(metricsUrl.group(1))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scrape).contains("acumat_gateway_frames_total{mat=\"mat-a\"} " + sent + ".0");

        SharedServers.stopDelivered(gateway, gatewayLog);
    }

    @Test
    void startsAndReadsBeforeTheBrokerIsThereAndDeliversWhenItComes() throws Exception {
        PtyLine pty = PtyLine.open(processes, processes.dir());
        Path gatewayLog = processes.dir().resolve("gateway.log");
        Path simLog = processes.dir().resolve("simulate.log");
        broker.kafka().stop();
        long sent;
        try {
            gateway(pty.host, gatewayLog);
            Process sim = pty.simulate(simLog, "--scenario", "sit-up", "--speed", "5", "--mat-id", "mat-c");
            assertThat(sim.waitFor(180, TimeUnit.SECONDS)).as(log(simLog)).isTrue();
            sent = summary(simLog)[0];
            waitLogged("every frame spooled", gatewayLog, () -> waiting(gatewayLog, "mat-c") >= sent);
        } finally {
            broker.kafka().restart();
        }
        try (TopicCollector frames = new TopicCollector(broker.bootstrap(), Topics.FRAMES)) {
            waitLogged("all " + sent + " frames in Kafka", gatewayLog,
                    () -> frames.poll() && KafkaFrames.of(frames.records("mat-c")).size() >= sent);
            assertThat(KafkaFrames.of(frames.records("mat-c"))).extracting(PressureFrame::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, sent).boxed().toList());
        }
    }

    @Test
    void survivesARepluggedPortGarbageOnTheLineAndABrokerOutage() throws Exception {
        PtyLine pty = PtyLine.open(processes, processes.dir());
        Path gatewayLog = processes.dir().resolve("gateway.log");
        gateway(pty.host, gatewayLog);
        Path simLog = processes.dir().resolve("simulate.log");
        Process sim = pty.simulate(simLog, "--scenario", "still", "--loop", "--speed", "2", "--garbage-rate", "0.05",
                "--mat-id", "mat-b");

        try (TopicCollector frames = new TopicCollector(broker.bootstrap(), Topics.FRAMES);
             TopicCollector health = new TopicCollector(broker.bootstrap(), Topics.DEVICE_HEALTH)) {
            waitLogged("frames of mat-b", gatewayLog,
                    () -> frames.poll() && KafkaFrames.of(frames.records("mat-b")).size() >= 50);

            // Re-plug: the pty pair disappears and comes back under the same names.
            pty.unplug();
            long beforeReplug = last(KafkaFrames.of(frames.records("mat-b")));
            pty.plug();
            // Frames written while the pty was gone are lost on the wire (and counted as a gap):
            // the outage below must start after that gap, or the check would count them missing.
            // The spool may still be delivering frames from before the re-plug, so wait for the gap
            // itself to show in Kafka and for frames after it.
            waitLogged("frames after the re-plug's gap", gatewayLog,
                    () -> frames.poll() && afterGap(KafkaFrames.of(frames.records("mat-b")), beforeReplug) >= 50);

            // The broker goes away for a while; the gateway spools, then delivers.
            long beforeOutage = last(KafkaFrames.of(frames.records("mat-b")));
            broker.kafka().stop();
            try {
                waitLogged("frames waiting in the spool while the broker is away", gatewayLog, () -> waiting(gatewayLog, "mat-b") >= 100);
            } finally {
                broker.kafka().restart();  // the other tests share the broker
            }
            Processes.stop(sim);
            long lastSent = summary(simLog)[1];
            waitLogged("every frame up to " + lastSent, gatewayLog,
                    () -> frames.poll() && last(KafkaFrames.of(frames.records("mat-b"))) >= lastSent);

            List<PressureFrame> got = KafkaFrames.of(frames.records("mat-b"));
            Set<Long> seen = new HashSet<>();
            for (PressureFrame f : got) {
                assertThat(seen.add(f.sequence())).as("frame %d arrived once", f.sequence()).isTrue();
            }
            assertThat(got).extracting(PressureFrame::sequence).isSorted();
            List<Long> missing = java.util.stream.LongStream.rangeClosed(beforeOutage, lastSent)
                    .filter(s -> !seen.contains(s)).boxed().toList();
            assertThat(missing).as("frames sent around the broker outage but not in Kafka; gateway log:%n%s",
                    Files.readString(gatewayLog)).isEmpty();
            waitFor("health showing the garbage", () -> health.poll() && health.records("mat-b").stream()
                    .anyMatch(r -> !new String(r.value(), StandardCharsets.UTF_8).contains("\"resyncs\":0,")));
        }
    }

    /** Frames after the first jump in sequence numbers past {@code from}; 0 while there is no jump. */
    private static int afterGap(List<PressureFrame> frames, long from) {
        for (int i = 1; i < frames.size(); i++) {
            long s = frames.get(i).sequence();
            if (s > from && s != frames.get(i - 1).sequence() + 1) {
                return frames.size() - i;
            }
        }
        return 0;
    }

    private static long last(List<PressureFrame> frames) {
        return frames.isEmpty() ? -1 : frames.get(frames.size() - 1).sequence();
    }

    /** Records waiting in the spool, from the gateway's latest health line about {@code mat}. */
    static long waiting(Path gatewayLog, String mat) {
        Matcher m = Pattern.compile("mat=" + mat + " .* spool=(\\d+)").matcher(log(gatewayLog));
        long depth = 0;
        while (m.find()) {
            depth = Long.parseLong(m.group(1));
        }
        return depth;
    }
}
