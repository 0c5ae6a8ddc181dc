package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.ProcessLog.waitLogged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Topics;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mat that prints text, through the real gateway (its own process, reading a socat pty with
 * jSerialComm, --input auto with the mat's grid) into a real broker: every well-formed line is
 * a frame with the line's cells and the gateway's consecutive sequence numbers; the malformed
 * lines are counted in the health record and never sent. And a simulated person on a text mat
 * gets a session, with lower-back coverage, in a real influxd.
 */
class TextMatIT {
    static final int ROWS = 4;
    static final int COLS = 6;
    static final int GOOD_LINES = 60;
    /** Seconds to wait for the gateway: its JVM and the broker start slowly on a busy machine. */
    static final int LONG_WAIT = 60;

    @RegisterExtension
    static final SharedServers servers = SharedServers.brokerAndInflux();
    @RegisterExtension
    final Processes processes = new Processes();

    /** The cells of good line {@code i}: different on every line and cell, all within a 10-bit ADC. */
    static int[] cells(int i) {
        int[] v = new int[ROWS * COLS];
        for (int c = 0; c < v.length; c++) {
            v[c] = (i * 37 + c * 11) % 1024;
        }
        return v;
    }

    static String line(int[] values, String separator) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            b.append(c == 0 ? "" : separator).append(values[c]);
        }
        return b.toString();
    }

    @Test
    void everyWellFormedLineIsAFrameInKafkaAndTheMalformedOnesAreCounted() throws Exception {
        Path dir = processes.dir();
        PtyLine pty = PtyLine.open(processes, dir);
        Path host = pty.host;
        Path gatewayLog = dir.resolve("gateway.log");
        Process gateway = servers.gateway(processes, dir, gatewayLog, host, "--health-interval", "1",
                "--rows", Integer.toString(ROWS), "--cols", Integer.toString(COLS), "--pitch-mm", "25");
        pty.awaitConnected(LONG_WAIT, gatewayLog);

        String[] separators = {",", ";", "\t", " ", ", "};
        String[] endings = {"\n", "\r\n", "\r"};
        int malformed = 0;
        try (OutputStream out = new FileOutputStream(pty.mat.toFile())) {
            StringBuilder names = new StringBuilder();
            for (int c = 0; c < ROWS * COLS; c++) {
                names.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "r%dc%d", c / COLS, c % COLS));
            }
            write(out, names + "\n");
            for (int i = 0; i < GOOD_LINES; i++) {
                // Written as fast as the port takes it (lines split across reads are the line
                // decoder's unit test's): the first whole lines the gateway sees may be malformed
                // ones, and only lines of the grid's count may decide that the port carries text.
                write(out, line(cells(i), separators[i % separators.length]) + endings[i % endings.length]);
                if (i % 10 == 5) {
                    write(out, line(cells(i), ",").replaceFirst(",\\d+$", "") + "\n");  // one value short
                    write(out, "Frame: " + line(cells(i), ",") + "\n");
                    write(out, line(cells(i), ",").replaceFirst("^\\d+", "1024") + "\n");  // above 10 bits
                    malformed += 3;
                }
            }
        }
        int expectedMalformed = malformed;

        try (TopicCollector frames = new TopicCollector(servers.bootstrap(), Topics.FRAMES);
             TopicCollector health = new TopicCollector(servers.bootstrap(), Topics.DEVICE_HEALTH)) {
            String id = "text-host";
            waitLogged(LONG_WAIT, "all " + GOOD_LINES + " frames of " + id + " in Kafka", gatewayLog,
                    () -> frames.poll() && KafkaFrames.of(frames.records(id)).size() >= GOOD_LINES);
            List<ConsumerRecord<byte[], byte[]>> records = frames.records(id);
            List<PressureFrame> got = KafkaFrames.of(records);
            assertThat(got).extracting(PressureFrame::sequence)
                    .containsExactlyElementsOf(LongStream.range(0, GOOD_LINES).boxed().toList());
            for (int i = 0; i < GOOD_LINES; i++) {
                assertThat(got.get(i).rows()).isEqualTo(ROWS);
                assertThat(got.get(i).toArray()).as("frame %d's cells", i).containsExactly(cells(i));
            }
            DeviceInfo info = (DeviceInfo) MessageReader.parse(records.get(0).value());
            assertThat(info).isEqualTo(new DeviceInfo(id, 0, 0, 0, ROWS, COLS, 25_000, 25_000, 10, 0, 0, List.of()));
            assertThat(records).extracting(ConsumerRecord::timestamp).isSorted();

            waitLogged(LONG_WAIT, "a health record counting " + expectedMalformed + " malformed lines", gatewayLog,
                    () -> health.poll() && health.records(id).stream().map(r -> new String(r.value(),
                            StandardCharsets.UTF_8)).anyMatch(j -> j.contains("\"malformed_lines\":" + expectedMalformed
                            + ",") && j.contains("\"frames\":" + GOOD_LINES + ",")));
        }
        assertThat(log(gatewayLog)).contains("port " + host + ": input is text (2 lines of " + ROWS * COLS
                + " numbers, no protocol message)").contains("malformed line dropped (" + (ROWS * COLS - 1)
                + " values, not " + ROWS * COLS + ")");
        SharedServers.stopDelivered(gateway, gatewayLog);
    }

    /**
     * A person on a text mat, end to end: the simulator as a mat that prints lines of numbers
     * (no protocol, no device-info), the gateway told the grid, the analytics: a session of the
     * text mat with lower-back coverage lands in a real influxd.
     */
    @Test
    void aPersonOnATextMatGetsASessionWithLowerBackCoverageInInfluxDb() throws Exception {
        MatChain chain = MatChain.start(servers, processes, List.of(), "--input", "csv", "--rows", "32", "--cols", "20",
                "--pitch-mm", "22", "--adc-bits", "12", "--mat-id", "text-e2e");
        Path gatewayLog = chain.gatewayLog();
        chain.pty().awaitConnected(LONG_WAIT, gatewayLog);
        chain.pty().simulate(processes.dir().resolve("simulate.log"), "--text", "--scenario", "session", "--speed", "4",
                "--seed", "4");
        InfluxQueries queries = new InfluxQueries(servers.influxUrl());
        waitLogged(150, "contact points of text-e2e with lower-back coverage in InfluxDB", chain.analyticsLog(),
                () -> {
                    try {
                        return !queries.rows("SELECT lower_back_coverage FROM contact WHERE mat = 'text-e2e'"
                                + " AND lower_back_coverage > 0").isEmpty()
                                && queries.count("session", "text-e2e") > 0;
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                });
        assertThat(log(gatewayLog)).doesNotContain("malformed line");
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
