package dev.acumat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayHeaderTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path p = dir.resolve("rec.txt");
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void aHeaderWrittenReadsBackAndTheFramesStillReadAsTheReplayFormat() throws IOException {
        DeviceInfo info = new DeviceInfo("mat-1", 1, 2, 3, 2, 3, 22_000, 21_500, 12, 40_000, 0,
                List.of(new CalibrationPoint(0, 0), new CalibrationPoint(4095, 40_000)));
        ReplayHeader h = ReplayHeader.of(info, 25, "mat-1.1795592005000", 1795591995000L);
        Path p = file(h.line() + "\n1 2 3 4 5 6\n6 5 4 3 2 1\n");

        ReplayHeader back = ReplayHeader.read(p).orElseThrow();
        assertThat(back).isEqualTo(h);
        assertThat(back.deviceInfo("mat-1").calibration()).isEqualTo(info.calibration());
        assertThat(ReplayFile.check(p, 2, 3).frames()).isEqualTo(2);
        ReplayFrameSource source = new ReplayFrameSource(p, back, 25);
        assertThat(source.deviceInfo("x").colPitchUm()).isEqualTo(21_500);
        assertThat(source.deviceInfo("x").calibration()).hasSize(2);
        source.close();
    }

    @Test
    void aPlainRecordingHasNoHeaderAndUnknownKeysAreIgnored() throws IOException {
        assertThat(ReplayHeader.read(file("# just a comment\n1 2 3 4\n"))).isEmpty();
        assertThat(ReplayHeader.read(file("1 2 3 4\n# acumat-replay 1 rows=2\n"))).isEmpty();
        ReplayHeader h = ReplayHeader.read(file("# acumat-replay 1 rows=2 cols=2 row_pitch_mm=10 col_pitch_mm=10"
                + " hz=1 adc_bits=16 calibration= later=yes\n1 2 3 4\n")).orElseThrow();
        assertThat(h.calibration()).isEmpty();
        assertThat(h.matId()).isNull();
    }

    @Test
    void aBrokenHeaderNamesTheFileAndTheKey() throws IOException {
        Path missing = file("# acumat-replay 1 rows=2 row_pitch_mm=10 col_pitch_mm=10 hz=1 adc_bits=12\n1 2\n");
        assertThatThrownBy(() -> ReplayHeader.read(missing)).isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining("rec.txt").hasMessageContaining("no cols");
        Path badCalibration = file("# acumat-replay 1 rows=1 cols=2 row_pitch_mm=10 col_pitch_mm=10 hz=1 adc_bits=12"
                + " calibration=5:100,3:200\n1 2\n");
        assertThatThrownBy(() -> ReplayHeader.read(badCalibration)).hasMessageContaining("calibration");
        Path version = file("# acumat-replay 2 rows=1\n1\n");
        assertThatThrownBy(() -> ReplayHeader.read(version)).hasMessageContaining("version 2");
    }

    @Test
    void theCellOrderTravelsInTheHeaderOnlyWhenItMovesCells() throws IOException {
        DeviceInfo info = new DeviceInfo("mat-1", 1, 2, 3, 2, 3, 22_000, 21_500, 12, 40_000, 0, List.of());
        assertThat(ReplayHeader.of(info, 25, null, null).line()).doesNotContain("order");
        ReplayHeader h = ReplayHeader.of(info, 25, null, null, CellOrder.parse("transpose,flip-cols"));
        assertThat(h.line()).endsWith(" order=flip-cols,transpose");
        Path p = file(h.line() + "\n1 2 3 4 5 6\n");
        ReplayHeader back = ReplayHeader.read(p).orElseThrow();
        assertThat(back).isEqualTo(h);
        assertThat(back.rows()).as("the geometry as written").isEqualTo(2);
        try (ReplayFrameSource source = new ReplayFrameSource(p, back, 25)) {
            assertThat(source.deviceInfo("x").rows()).isEqualTo(3);
            assertThat(source.deviceInfo("x").rowPitchUm()).isEqualTo(21_500);
            int[] v = new int[6];
            assertThat(source.next(v)).isTrue();
            assertThat(v).containsExactly(4, 1, 5, 2, 6, 3);  // 1 2 3 / 4 5 6 transposed, each row then reversed
        }
        assertThat(ReplayHeader.read(file("# acumat-replay 1 rows=2 cols=2 row_pitch_mm=10 col_pitch_mm=10 hz=1"
                + " adc_bits=12\n1 2 3 4\n")).orElseThrow().order()).isEqualTo(CellOrder.NONE);
        Path bad = file("# acumat-replay 1 rows=2 cols=2 row_pitch_mm=10 col_pitch_mm=10 hz=1 adc_bits=12 order=mirror\n");
        assertThatThrownBy(() -> ReplayHeader.read(bad)).isInstanceOf(ReplayFormatException.class)
                .hasMessageContaining("bad replay header: order: 'mirror' is not a cell order step");
    }

    @Test
    void aGzippedExportKeepsItsHeaderAndABinaryFileIsSaidToBeOne() throws IOException {
        Path gz = dir.resolve("export.txt.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("# acumat-replay 1 rows=1 cols=2 row_pitch_mm=10 col_pitch_mm=10 hz=1 adc_bits=12 calibration="
                    + " mat=m-1\n1 2\n").getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(ReplayHeader.read(gz).orElseThrow().matId()).isEqualTo("m-1");
        Path png = dir.resolve("p.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThatThrownBy(() -> ReplayHeader.read(png)).hasMessageStartingWith(png + ": not a text recording");
    }
}
