package dev.acumat.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.acumat.analytics.body.BodyReading;
import dev.acumat.analytics.body.LowerBackRegion;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Speed work on the analysis must not change a bit of what it finds: every field of every
 * frame's result (contact, map, contact runs, body, posture, lower back, sessions, shifts) over
 * the simulator's whole {@code session} scenario, as one SHA-256. The digests were taken with
 * the analysis as it was before issue 18's speed work; a change that means to alter results
 * updates them, and says why in its commit.
 *
 * <p>{@code Math.sin}, {@code exp} and the like may round differently on another processor
 * architecture (the JVM's intrinsics differ), so the digests hold on x86-64 only.
 */
class MatAnalyzerDigestTest {
    @ParameterizedTest
    @CsvSource({
        "32x20, ee73db038a24ee4af60028768e63a789498bba78dd1dd333c5c77fdfb85e69b9",
        "64x32, 18da91424c6e4426453c372909b5cf36afad860b62872f40a185def28c3bde1b",
    })
    void everyResultIsAsBefore(String geometry, String digest) throws Exception {
        String arch = System.getProperty("os.arch");
        assumeTrue(arch.equals("amd64") || arch.equals("x86_64"), "digests taken on x86-64");
        MatGeometry g = geometry.equals("32x20") ? MatGeometry.ACUPRESSURE : MatGeometry.BED;
        SyntheticMat mat = Scenarios.create("session", 25, 7, g);
        DeviceInfo info = mat.deviceInfo("bench");
        MatAnalyzer analyzer = new MatAnalyzer(MatSpec.of(info));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        int[] values = new int[info.cells()];
        long index = 0;
        long time = 0;
        for (int frames = 0; frames < 3000; index++) {
            if (!mat.next(values)) {
                mat.rewind();
                continue;
            }
            if (index % 3 != 0) {
                continue;
            }
            // 40 ms apart although every third frame: the sessions last a third as long.
            time += 40_000;
            PressureFrame frame = new PressureFrame(frames, time, info.rows(), info.cols(), values);
            md.update(describe(analyzer.analyze(time, frame)).getBytes(StandardCharsets.UTF_8));
            frames++;
        }
        md.update(String.valueOf(analyzer.invalidFrames()).getBytes(StandardCharsets.UTF_8));
        md.update(analyzer.finish().toString().getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(md.digest())).isEqualTo(digest);
    }

    /** Every field; floating-point values as Java prints them, which tells every bit apart. */
    private static String describe(MatAnalyzer.FrameResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.timeMicros()).append(r.valid()).append(r.onMat()).append(r.sessionId()).append(r.contact())
                .append(r.report()).append(r.events()).append(r.postureAsked()).append(MatAnalyzer.postureLabel(r));
        BodyReading b = r.body();
        sb.append(b.posture()).append(b.confidence()).append(b.axis()).append(b.bodyAreaCm2());
        LowerBackRegion lb = b.lowerBack();
        if (lb != null) {
            sb.append(Arrays.toString(lb.cells())).append(lb.cellCount()).append(lb.cellsInContact())
                    .append(lb.coverage()).append(Arrays.toString(lb.outlineCm()));
        }
        PressureMap m = r.map();
        sb.append(Arrays.toString(m.pressures())).append(Arrays.toString(m.contacts()));
        int n = m.contactRuns();
        sb.append(n).append(Arrays.toString(Arrays.copyOf(m.runStarts(), n)))
                .append(Arrays.toString(Arrays.copyOf(m.runEnds(), n)));
        return sb.toString();
    }
}
