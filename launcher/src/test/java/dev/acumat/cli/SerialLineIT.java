package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.ProcessLog.waitLogged;
import static dev.acumat.cli.Processes.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Topics;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.FilePortLink;
import dev.acumat.simulator.MatSimulator;
import dev.acumat.simulator.NoisyPortLink;
import dev.acumat.simulator.PortLink;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.time.Time;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The serial line at its worst, through the real gateway (its own process, reading a socat pty
 * with jSerialComm) into a real broker: a noisy line, and a port pulled and plugged back again
 * and again. The simulated mat runs in this JVM, so the test knows byte for byte what it sent
 * and what the line did to it. Figures go to docs/RELIABILITY.md.
 */
class SerialLineIT {
    /** Bit errors per byte, and garbage bursts per message, on the noisy line. */
    static final double BYTE_ERROR_RATE = 1e-3;
    static final double GARBAGE_RATE = 0.02;
    static final int NOISY_FRAMES = 1500;
    /** How long the cable stays out at each replug, in ms: long enough for the backoff to reach its cap. */
    static final long[] OUTAGES_MILLIS = {0, 300, 700, 1100, 1600, 2100, 2600, 3200, 500, 1300};
    /** Seconds to wait for the gateway: its JVM and the broker start slowly on a busy machine. */
    static final int LONG_WAIT = 60;
    /** What a user may expect of the gateway's default reconnect backoff. */
    static final long RECONNECT_LIMIT_MILLIS = 2000;

    @RegisterExtension
    static final SharedServers broker = SharedServers.broker();
    @RegisterExtension
    final Processes processes = new Processes();

    private PtyLine pty;
    private Path gatewayLog;
    private Process gateway;
    private Thread simulatorThread;
    private MatSimulator simulator;

    /**
     * The real gateway with its default reconnect backoff, in its own JVM, logging health every
     * second, on a pty. It listens before the mat talks, so the line's first byte is the first it reads.
     */
    @BeforeEach
    void gatewayOnAPty() throws Exception {
        pty = PtyLine.open(processes, processes.dir());
        gatewayLog = processes.dir().resolve("gateway.log");
        gateway = broker.gateway(processes, processes.dir(), gatewayLog, pty.host, "--health-interval", "1");
        waitLogged(LONG_WAIT, "the gateway on the port", gatewayLog, () -> pty.connects(gatewayLog) == 1);
    }

    /** The mat in this JVM stops before the extension stops the gateway and socat. */
    @AfterEach
    void stopSimulator() throws InterruptedException {
        if (simulator != null) {
            simulator.stop();
            simulatorThread.join(10_000);
        }
    }

    @Test
    void everyIntactFrameArrivesEveryDamagedStretchIsCountedAndNothingArrivesWrong() throws Exception {
        WireLedger ledger = new WireLedger();
        PortLink.Opener noisy = () -> ledger.clean(new NoisyPortLink(ledger.line(FilePortLink.open(pty.mat)),
                GARBAGE_RATE, BYTE_ERROR_RATE, 11));
        startSimulator("mat-noise", noisy, false);
        waitFor("the simulator to send " + NOISY_FRAMES + " frames", 120,
                () -> simulator.result().framesSent() >= NOISY_FRAMES || !simulatorThread.isAlive());
        simulator.stop();
        simulatorThread.join(10_000);
        WireLedger.Verdict verdict = ledger.verdict();
        assertThat(verdict.damaged()).as("the line damaged something").isPositive();

        try (TopicCollector frames = new TopicCollector(broker.bootstrap(), Topics.FRAMES)) {
            long lastIntact = verdict.intactFrames().keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            waitLogged(LONG_WAIT, "the last intact frame, " + lastIntact + ", in Kafka", gatewayLog,
                    () -> frames.poll() && frames.records("mat-noise").stream()
                            .anyMatch(r -> sequenceOf(r) == lastIntact));
            Processes.stop(gateway);
            frames.poll();

            Map<Long, byte[]> delivered = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : frames.records("mat-noise")) {
                long seq = sequenceOf(r);
                if (seq >= 0) {
                    assertThat(delivered.put(seq, r.value())).as("frame %d delivered once", seq).isNull();
                }
            }
            assertThat(delivered.keySet()).as("the frames delivered are the frames the line left intact")
                    .containsExactlyInAnyOrderElementsOf(verdict.intactFrames().keySet());
            for (Map.Entry<Long, byte[]> e : verdict.intactFrames().entrySet()) {
                assertThat(delivered.get(e.getKey())).as("frame %d byte for byte as sent", e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
        Map<String, Long> health = lastHealth(gatewayLog, "mat-noise");
        assertThat(health.get("resyncs")).as("the gateway's decode errors: one per damaged stretch")
                .isEqualTo(verdict.damaged());
        assertThat(health.get("frames")).isEqualTo(verdict.intactFrames().size());
        assertThat(health.get("dropped")).isZero();
        System.out.printf("serial line: %d frames sent, %d bytes on the line at %.0e bit errors per byte and"
                        + " %.2f bursts per message: %d frames intact and delivered, %d damaged stretches counted%n",
                simulator.result().framesSent(), simulator.result().bytesWritten(), BYTE_ERROR_RATE, GARBAGE_RATE,
                verdict.intactFrames().size(), verdict.damaged());
    }

    @Test
    void reconnectsWithinTwoSecondsOfEachReplug() throws Exception {
        startSimulator("mat-plug", () -> FilePortLink.open(pty.mat), true);

        List<Long> noticeMillis = new ArrayList<>();
        List<Long> reconnectMillis = new ArrayList<>();
        try (TopicCollector frames = new TopicCollector(broker.bootstrap(), Topics.FRAMES)) {
            waitLogged(LONG_WAIT, "frames of mat-plug", gatewayLog,
                    () -> frames.poll() && !frames.records("mat-plug").isEmpty());
            for (int i = 1; i <= OUTAGES_MILLIS.length; i++) {
                long pulled = System.nanoTime();
                pty.unplug();
                int pulls = i;
                int connected = i + 1;
                waitLogged(LONG_WAIT, "the gateway to notice the pull", gatewayLog,
                        () -> pty.losses(gatewayLog) >= pulls);
                noticeMillis.add((System.nanoTime() - pulled) / 1_000_000);
                long back = pulled + OUTAGES_MILLIS[i - 1] * 1_000_000;
                waitFor("the end of outage " + i, () -> System.nanoTime() - back >= 0);
                pty.plug();
                long plugged = System.nanoTime();
                waitLogged(LONG_WAIT, "reconnect " + i, gatewayLog, () -> pty.connects(gatewayLog) >= connected);
                reconnectMillis.add((System.nanoTime() - plugged) / 1_000_000);
            }
            long before = lastSequence(frames.records("mat-plug"));
            waitLogged(LONG_WAIT, "frames after the last replug", gatewayLog,
                    () -> frames.poll() && lastSequence(frames.records("mat-plug")) > before + 25);
            List<Long> sequences = frames.records("mat-plug").stream().map(SerialLineIT::sequenceOf)
                    .filter(s -> s >= 0).toList();
            assertThat(sequences).as("in order, each once").isSorted().doesNotHaveDuplicates();
        }
        Processes.stop(gateway);
        // At least one open per replug. A port that comes back while the mat's end is still
        // reopening can go silent once more and be reopened again: allowed, a loop is not.
        assertThat(pty.connects(gatewayLog)).as("one open at the start and at least one per replug, no loop")
                .isBetween(OUTAGES_MILLIS.length + 1, 2 * OUTAGES_MILLIS.length + 1);
        System.out.println("serial line: " + OUTAGES_MILLIS.length + " replugs after outages of (ms) "
                + java.util.Arrays.toString(OUTAGES_MILLIS) + "; pull noticed after (ms) " + noticeMillis
                + "; read again after (ms) " + reconnectMillis);
        assertThat(reconnectMillis).as("ms from the port's return to the gateway reading it again")
                .allMatch(ms -> ms < RECONNECT_LIMIT_MILLIS);
    }

    private void startSimulator(String matId, PortLink.Opener opener, boolean reopen) {
        simulator = new MatSimulator(Scenarios.create("still", 25, 5),
                new MatSimulator.Options(matId, 25, 10, 0, true, reopen), opener, Time.SYSTEM, null);
        simulatorThread = simulator.startThread("simulated-mat");
    }

    private static long sequenceOf(ConsumerRecord<byte[], byte[]> r) {
        return MessageReader.parse(r.value()) instanceof PressureFrame f ? f.sequence() : -1;
    }

    private static long lastSequence(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().mapToLong(SerialLineIT::sequenceOf).max().orElse(-1);
    }

    private static final Pattern HEALTH_FIELD = Pattern.compile("(\\w+)=(\\d+)(?=\\s|$)");

    /** The counters of the gateway's last health line about {@code mat}. */
    private static Map<String, Long> lastHealth(Path gatewayLog, String mat) {
        String last = log(gatewayLog).lines().filter(l -> l.contains("mat=" + mat + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no health line of " + mat + ":\n" + log(gatewayLog)));
        Map<String, Long> out = new HashMap<>();
        Matcher m = HEALTH_FIELD.matcher(last);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }
}
