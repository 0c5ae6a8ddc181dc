package dev.acumat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.gateway.health.MatHealth;
import dev.acumat.gateway.spool.FsyncPolicy;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolConfig;
import dev.acumat.gateway.spool.SpoolEntry;
import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeErrorType;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.time.ManualTime;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameIntakeTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();
    private Spool spool;

    @BeforeEach
    void open() throws IOException {
        spool = Spool.open(dir, new SpoolConfig(16L << 20, 1L << 20, FsyncPolicy.NEVER, Duration.ofSeconds(1)),
                Time.SYSTEM);
    }

    @AfterEach
    void close() throws IOException {
        spool.close();
    }

    private static DeviceInfo info(String id) {
        return new DeviceInfo(id, 1, 0, 0, 2, 2, 22_000, 22_000, 12, 40_000, 12, List.of());
    }

    private static PressureFrame frame(long seq, long deviceMicros) {
        return new PressureFrame(seq, deviceMicros, 2, 2, new int[] {(int) (seq % 4096), 0, 0, 1});
    }

    private static void feed(FrameIntake intake, Message m) {
        byte[] bytes = MessageWriter.toBytes(m);
        intake.onMessage(m, bytes, 0, bytes.length);
    }

    private List<SpoolEntry> spooled() throws IOException {
        List<SpoolEntry> out = new ArrayList<>();
        try (Spool.Reader r = spool.reader(0)) {
            SpoolEntry e;
            while ((e = r.next()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void framesWaitForTheDeviceInfoThenTravelUnderItsMatIdWithTheirBytesAndFrameTime() throws IOException {
        FrameIntake intake = new FrameIntake(spool, null, time);
        intake.onConnected("/dev/ttyACM0");
        feed(intake, frame(7, 1_000_000));
        feed(intake, frame(8, 1_040_000));
        assertThat(spool.nextOffset()).as("held: no mat id yet").isZero();
        feed(intake, info("mat-42"));
        feed(intake, frame(9, 1_080_000));

        List<SpoolEntry> entries = spooled();
        assertThat(entries).hasSize(4);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.topic()).isEqualTo(Topics.FRAMES);
            assertThat(new String(e.key(), StandardCharsets.UTF_8)).isEqualTo("mat-42");
        });
        assertThat(MessageReader.parse(entries.get(0).value())).isEqualTo(info("mat-42"));
        assertThat(entries.get(1).value()).isEqualTo(MessageWriter.toBytes(frame(7, 1_000_000)));
        assertThat(entries.get(3).value()).isEqualTo(MessageWriter.toBytes(frame(9, 1_080_000)));
        long anchorMicros = time.currentTimeMillis() * 1000 - 1_000_000;
        assertThat(entries.get(1).timestampMillis()).isEqualTo((anchorMicros + 1_000_000) / 1000);
        assertThat(entries.get(3).timestampMillis()).isEqualTo((anchorMicros + 1_080_000) / 1000);
        assertThat(entries.get(3).headers()).extracting(SpoolEntry.Header::name)
                .containsExactly(PipelineHeaders.ENCODING, PipelineHeaders.CLOCK_ANCHOR_US);
        assertThat(intake.health().get("mat-42").frames()).isEqualTo(3);
    }

    @Test
    void anOverrideNamesTheMatAtOnce() throws IOException {
        FrameIntake intake = new FrameIntake(spool, "bed-3", time);
        feed(intake, frame(1, 40_000));
        feed(intake, info("whatever-it-says"));
        assertThat(spooled()).extracting(e -> new String(e.key(), StandardCharsets.UTF_8)).containsOnly("bed-3");
    }

    @Test
    void aMatLayoutTravelsLikeTheDeviceInfo() throws IOException {
        FrameIntake intake = new FrameIntake(spool, null, time);
        MatLayout layout = MatLayout.of(CellOrder.parse("serpentine"), MatKind.LUMBAR_PAD);
        feed(intake, layout);  // before the mat said who it is: dropped
        feed(intake, info("pad-1"));
        feed(intake, layout);
        feed(intake, frame(1, 40_000));
        List<SpoolEntry> entries = spooled();
        assertThat(entries).hasSize(3);
        assertThat(MessageReader.parse(entries.get(1).value())).isEqualTo(layout);
        assertThat(new String(entries.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("pad-1");
        assertThat(entries.get(1).headers()).isEqualTo(entries.get(0).headers());
        assertThat(entries.get(1).timestampMillis()).isEqualTo(entries.get(0).timestampMillis());
    }

    @Test
    void theGatewaysOptionsStateTheLayoutAfterEachDeviceInfoAndWinOverTheMats() throws IOException {
        FrameIntake intake = new FrameIntake(spool, null, MatLayoutOverride.of(null, "lumbar-pad"), time);
        feed(intake, info("pad-2"));
        feed(intake, MatLayout.of(CellOrder.parse("flip-cols"), MatKind.TORSO));  // the mat's own: its order stays
        feed(intake, MatLayout.of(CellOrder.parse("flip-cols"), MatKind.TORSO));  // the same again: nothing new
        feed(intake, info("pad-2"));
        List<Message> sent = new ArrayList<>();
        for (SpoolEntry e : spooled()) {
            sent.add(MessageReader.parse(e.value()));
        }
        assertThat(sent).containsExactly(info("pad-2"), MatLayout.of(CellOrder.NONE, MatKind.LUMBAR_PAD),
                MatLayout.of(CellOrder.parse("flip-cols"), MatKind.LUMBAR_PAD), info("pad-2"),
                MatLayout.of(CellOrder.parse("flip-cols"), MatKind.LUMBAR_PAD));
    }

    @Test
    void badLayoutSettingsNameTheSetting() {
        assertThat(MatLayoutOverride.of(" ", null)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MatLayoutOverride.of("flip", null))
                .hasMessageStartingWith("mat.cell-order: ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MatLayoutOverride.of(null, "bed"))
                .hasMessageStartingWith("mat.layout: ");
    }

    @Test
    void countsGapsDropsRepeatsAndNoticesARestart() {
        FrameIntake intake = new FrameIntake(spool, "m", time);
        feed(intake, frame(10, 400_000));
        feed(intake, frame(11, 440_000));
        feed(intake, frame(11, 440_000));  // the same frame twice
        feed(intake, frame(15, 600_000));  // 12, 13, 14 lost on the wire
        feed(intake, frame(0, 0));         // the mat restarted
        feed(intake, frame(1, 40_000));
        MatHealth.Snapshot s = intake.health().get("m").snapshot(time.nanoTime(), 0, 0);
        assertThat(s.frames()).isEqualTo(5);
        assertThat(s.sequenceGaps()).isEqualTo(1);
        assertThat(s.framesLost()).isEqualTo(3);
        assertThat(s.restarts()).isEqualTo(1);
    }

    @Test
    void frameTimesNeverGoBackwardsWhateverTheMatsClockDoes() throws IOException {
        FrameIntake intake = new FrameIntake(spool, "m", time);
        long device = 0;
        for (int i = 0; i < 100; i++) {  // the mat's clock runs at twice our speed
            feed(intake, frame(i, device));
            device += 80_000;
            time.advanceMillis(40);
        }
        time.advanceMillis(10_000);  // then it stalls for ten seconds
        feed(intake, frame(100, device));
        List<Long> times = spooled().stream().map(SpoolEntry::timestampMillis).toList();
        assertThat(times).isSorted().doesNotHaveDuplicates();
        assertThat(times.get(100) - times.get(99)).as("caught up after the stall").isGreaterThan(5_000);
    }

    @Test
    void aSequenceWrapIsNotAGap() {
        FrameIntake intake = new FrameIntake(spool, "m", time);
        feed(intake, frame(0xFFFF_FFFFL, 400_000));
        feed(intake, frame(0, 440_000));
        assertThat(intake.health().get("m").snapshot(time.nanoTime(), 0, 0).sequenceGaps()).isZero();
    }

    @Test
    void framesOfAMatThatNeverSaysWhoItIsAreDroppedAndCounted() {
        FrameIntake intake = new FrameIntake(spool, null, time);
        for (int i = 0; i < 200; i++) {
            feed(intake, frame(i, i * 40_000L));
            time.advanceMillis(40);
        }
        assertThat(spool.nextOffset()).isZero();
        feed(intake, info("late"));
        MatHealth.Snapshot s = intake.health().get("late").snapshot(time.nanoTime(), 0, 0);
        assertThat(s.frames()).as("the last six seconds were kept").isEqualTo(151);
        assertThat(spool.nextOffset()).isEqualTo(152);
    }

    @Test
    void decodeErrorsCountAgainstTheMatOnThePort() {
        FrameIntake intake = new FrameIntake(spool, "m", time);
        intake.onError(new DecodeError(DecodeErrorType.BAD_CRC, 30, "x"));
        intake.onError(new DecodeError(DecodeErrorType.BAD_FRAMING, 3, "y"));
        intake.onBytes(1234);
        feed(intake, frame(1, 1));
        MatHealth.Snapshot s = intake.health().get("m").snapshot(time.nanoTime(), 0, 0);
        assertThat(s.crcErrors()).isEqualTo(1);
        assertThat(s.resyncs()).isEqualTo(2);
        assertThat(s.bytes()).isEqualTo(1234);
        assertThat(s.json()).startsWith("{\"mat\":\"m\",").contains("\"crc_errors\":1");
    }
}
