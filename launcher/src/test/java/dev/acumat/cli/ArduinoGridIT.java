package dev.acumat.cli;

import static dev.acumat.cli.ProcessLog.log;
import static dev.acumat.cli.ProcessLog.waitLogged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Topics;
import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Arduino example's logic (firmware-protocol/examples/arduino-grid-16x16), built with gcc
 * against its simulated grid, as the mat on one end of a socat pty pair, and the real gateway
 * (its own process) on the other, into a real broker. The sketch starts before the gateway
 * opens the port, as a mat plugged in first would: what it sent meanwhile waits in the pty,
 * and the info_request the gateway sends on opening must be answered.
 */
class ArduinoGridIT {
    private static final Path EXAMPLE = Path.of("..", "firmware-protocol", "examples", "arduino-grid-16x16")
            .toAbsolutePath().normalize();
    private static final Path ENCODER = EXAMPLE.resolve("../../c").normalize();
    /** Frames to see in Kafka: 4 s at the sketch's 20 Hz, so a periodic device-info comes too. */
    private static final int FRAMES = 100;
    private static final int LONG_WAIT = 90;

    @RegisterExtension
    static final SharedServers broker = SharedServers.broker();
    @RegisterExtension
    final Processes processes = new Processes();

    @Test
    void framesOfTheSketchReachKafkaWithItsGeometryIdCalibrationAndConsecutiveSequences() throws Exception {
        String matId = config("GRID_MAT_ID", "\"([^\"]*)\"");
        List<CalibrationPoint> calibration = configCalibration();
        Path exe = hostBuild();

        Path dir = processes.dir();
        PtyLine pty = PtyLine.open(processes, dir);
        Path sketchLog = dir.resolve("sketch.log");
        Process sketch = processes.start(new ProcessBuilder(exe.toString(), "--port", pty.mat.toString())
                .redirectErrorStream(true).redirectOutput(sketchLog.toFile()));
        waitLogged(LONG_WAIT, "the sketch on the port", sketchLog, () -> log(sketchLog).contains("sending on"));

        Path gatewayLog = dir.resolve("gateway.log");
        Process gateway = broker.gateway(processes, dir, gatewayLog, pty.host, "--baud", "500000", "--health-interval", "1");

        List<ConsumerRecord<byte[], byte[]>> records;
        try (TopicCollector topic = new TopicCollector(broker.bootstrap(), Topics.FRAMES)) {
            waitLogged(LONG_WAIT, FRAMES + " frames of " + matId + " in Kafka", gatewayLog,
                    () -> topic.poll() && KafkaFrames.of(topic.records(matId)).size() >= FRAMES);
            Processes.stop(sketch);
            records = topic.records(matId);
        }
        Processes.stop(gateway);
        String summary = log(sketchLog);
        assertThat(summary).as("the sketch's summary").contains("0 rejected host messages");
        Matcher requested = Pattern.compile("\\((\\d+) on request\\)").matcher(summary);
        assertThat(requested.find()).as("the summary: %s", summary).isTrue();
        assertThat(Integer.parseInt(requested.group(1))).as("device-infos sent in answer to the gateway's info_request")
                .isPositive();

        List<DeviceInfo> infos = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (MessageReader.parse(r.value()) instanceof DeviceInfo info) {
                infos.add(info);
            }
        }
        assertThat(infos).as("device-infos in Kafka: the answer, and one every 5 s").hasSizeGreaterThanOrEqualTo(1);
        DeviceInfo info = infos.get(0);
        assertThat(info.matId()).isEqualTo(matId);
        assertThat(info.rows()).isEqualTo(16);
        assertThat(info.cols()).isEqualTo(16);
        assertThat(info.adcBits()).isEqualTo(10);
        assertThat(info.calibration()).as("the calibration points of grid_config.h").isEqualTo(calibration);

        List<PressureFrame> frames = KafkaFrames.of(records);
        long first = frames.get(0).sequence();
        for (int i = 0; i < frames.size(); i++) {
            PressureFrame f = frames.get(i);
            assertThat(f.sequence()).as("frame %d in Kafka: consecutive sequence numbers", i).isEqualTo(first + i);
            assertThat(f.rows()).isEqualTo(16);
            assertThat(f.cols()).isEqualTo(16);
            assertThat(f.nonZeroCells()).as("loaded cells of frame %d", f.sequence()).isPositive();
        }
        System.out.printf("arduino grid: %d frames of %s in Kafka from sequence %d, %d device-infos; %s%n",
                frames.size(), matId, first, infos.size(), summary.lines().reduce((a, b) -> b).orElse(""));
    }

    /** The sketch's logic and the C encoder, for this machine, against the simulated grid. */
    private Path hostBuild() throws IOException, InterruptedException {
        Path exe = processes.dir().resolve("grid_host");
        Path log = processes.dir().resolve("gcc.log");
        Process gcc = processes.start(new ProcessBuilder("gcc", "-std=c99", "-O2", "-I" + EXAMPLE, "-I" + ENCODER,
                EXAMPLE.resolve("host/grid_host.c").toString(), EXAMPLE.resolve("grid_mat.c").toString(),
                ENCODER.resolve("acumat_protocol.c").toString(), "-lm", "-o", exe.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()));
        assertThat(gcc.waitFor(120, TimeUnit.SECONDS)).as("gcc finished").isTrue();
        assertThat(gcc.exitValue()).as("gcc: %s", log(log)).isZero();
        return exe;
    }

    /** A value of the sketch's grid_config.h, its one home. */
    private static String config(String name, String value) throws IOException {
        Matcher m = Pattern.compile("#define\\s+" + name + "\\s+" + value).matcher(configText());
        assertThat(m.find()).as("%s in grid_config.h", name).isTrue();
        return m.group(1);
    }

    private static List<CalibrationPoint> configCalibration() throws IOException {
        String text = configText();
        int start = text.indexOf("#define GRID_CALIBRATION_POINTS");
        assertThat(start).as("GRID_CALIBRATION_POINTS in grid_config.h").isNotNegative();
        String define = text.substring(start, text.indexOf("}\n", text.indexOf("} }", start)) + 1);
        List<CalibrationPoint> points = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\\s*(\\d+)u,\\s*(\\d+)ul\\s*}").matcher(define);
        while (m.find()) {
            points.add(new CalibrationPoint(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
        }
        return points;
    }

    private static String configText() throws IOException {
        return Files.readString(EXAMPLE.resolve("grid_config.h"), StandardCharsets.UTF_8);
    }
}
