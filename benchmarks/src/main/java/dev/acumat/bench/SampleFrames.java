package dev.acumat.bench;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic frames for the benchmarks: a stretch of the simulator's {@code session} scenario
 * (getting on, lying, shifting, getting off), so that light and heavy frames mix as they do
 * on a real mat.
 */
public record SampleFrames(DeviceInfo info, List<PressureFrame> frames) {
    /** The geometries the issue asks about: the acupressure mat and the bed-sized one. */
    public static MatGeometry geometry(String name) {
        return switch (name) {
            case "32x20" -> MatGeometry.ACUPRESSURE;
            case "64x32" -> MatGeometry.BED;
            default -> throw new IllegalArgumentException("geometry must be 32x20 or 64x32: " + name);
        };
    }

    /** {@code count} frames at 25 Hz, every {@code stride}-th frame of the scenario (to cover all of it). */
    public static SampleFrames of(String geometry, String matId, int count, int stride) {
        SyntheticMat mat = Scenarios.create("session", 25, 7, geometry(geometry));
        int cells = mat.deviceInfo(matId).rows() * mat.deviceInfo(matId).cols();
        int[] values = new int[cells];
        List<PressureFrame> frames = new ArrayList<>(count);
        long index = 0;
        while (frames.size() < count) {
            if (!mat.next(values)) {
                mat.rewind();
                continue;
            }
            if (index % stride == 0) {
                long seq = frames.size();
                frames.add(new PressureFrame(seq, seq * 40_000L, mat.deviceInfo(matId).rows(),
                        mat.deviceInfo(matId).cols(), values));
            }
            index++;
        }
        return new SampleFrames(mat.deviceInfo(matId), List.copyOf(frames));
    }
}
