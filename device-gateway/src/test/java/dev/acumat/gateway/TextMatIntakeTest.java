package dev.acumat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.Topics;
import dev.acumat.gateway.health.MatHealth;
import dev.acumat.gateway.input.TextInput;
import dev.acumat.gateway.input.TextMat;
import dev.acumat.gateway.spool.FsyncPolicy;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.gateway.spool.SpoolEntry;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.time.ManualTime;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A text mat's lines take the protocol mat's one path: FrameIntake names, stamps and spools them. */
class TextMatIntakeTest {
    @TempDir
    Path dir;

    @Test
    void linesBecomeSpooledFramesOfTheTextMatAndMalformedOnesAreCounted() throws IOException {
        ManualTime time = new ManualTime();
        try (Spool spool = Spool.open(dir, new SpoolConfig(16L << 20, 1L << 20, FsyncPolicy.NEVER,
                Duration.ofSeconds(1)), Time.SYSTEM)) {
            FrameIntake intake = new FrameIntake(spool, null, time);
            TextInput input = new TextInput(new TextMat("text-ttyACM0", 2, 2, 25_000, 25_000, 10, false), time);
            intake.onConnected("/dev/ttyACM0");
            input.connected("/dev/ttyACM0");
            byte[] lines = "1,2,3,4\n5,6,7\n9,10,11,12\nnot,a,frame,5\n".getBytes(StandardCharsets.US_ASCII);
            intake.onBytes(lines.length);
            input.feed(lines, 0, lines.length, intake);

            List<Message> spooled = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            try (Spool.Reader r = spool.reader(0)) {
                SpoolEntry e;
                while ((e = r.next()) != null) {
                    assertThat(e.topic()).isEqualTo(Topics.FRAMES);
                    assertThat(new String(e.key(), StandardCharsets.UTF_8)).isEqualTo("text-ttyACM0");
                    spooled.add(MessageReader.parse(e.value()));
                    times.add(e.timestampMillis());
                }
            }
            assertThat(spooled).hasSize(3);
            assertThat(spooled.get(0)).isInstanceOf(DeviceInfo.class);
            assertThat(((PressureFrame) spooled.get(2)).toArray()).containsExactly(9, 10, 11, 12);
            assertThat(((PressureFrame) spooled.get(2)).sequence()).isEqualTo(1);
            assertThat(times.get(1)).as("device time is arrival time").isEqualTo(time.currentTimeMillis());

            MatHealth.Snapshot health = intake.health().get("text-ttyACM0").snapshot(time.nanoTime(), 0, 0);
            assertThat(health.frames()).isEqualTo(2);
            assertThat(health.malformedLines()).isEqualTo(2);
            assertThat(health.sequenceGaps()).isZero();
            assertThat(health.restarts()).isZero();
            assertThat(health.json()).contains("\"malformed_lines\":2,");
            assertThat(health.line()).contains("malformed_lines=2");

            io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            new dev.acumat.gateway.health.GatewayMetrics(registry, intake.health(), () -> 0, () -> 0, () -> 0, () -> 0);
            assertThat(registry.get("acumat.gateway.malformed.lines").tag("mat", "text-ttyACM0").functionCounter()
                    .count()).isEqualTo(2.0);
        }
    }
}
