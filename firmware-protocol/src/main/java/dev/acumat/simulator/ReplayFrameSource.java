package dev.acumat.simulator;

import dev.acumat.protocol.DeviceInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Frames from a recording in the replay format. The whole file is checked when the source is
 * made, so a bad recording fails before the first byte goes out. A recording carries no ground
 * truth and no calibration: its values are raw counts.
 */
public final class ReplayFrameSource implements FrameSource {
    private final Path path;
    private final int rows;
    private final int cols;
    private final long pitchUm;
    private final double hz;
    private final ReplayFile.Summary summary;
    private ReplayFile file;

    public ReplayFrameSource(Path path, int rows, int cols, double pitchMm, double hz) throws IOException {
        if (rows < 1 || rows > 256 || cols < 1 || cols > 256) {
            throw new IllegalArgumentException("rows and cols must be 1..256: " + rows + " x " + cols);
        }
        if (!(pitchMm > 0) || pitchMm > 1000) {
            throw new IllegalArgumentException("pitch must be in (0, 1000] mm: " + pitchMm);
        }
        this.path = path;
        this.rows = rows;
        this.cols = cols;
        this.pitchUm = Math.round(pitchMm * 1000);
        this.hz = hz;
        this.summary = ReplayFile.check(path, rows, cols);
        this.file = ReplayFile.open(path, rows, cols);
    }

    public long frames() {
        return summary.frames();
    }

    @Override
    public DeviceInfo deviceInfo(String matId) {
        int adcBits = summary.maxValue() <= 4095 ? 12 : 16;
        return new DeviceInfo(matId, 0, 1, 0, rows, cols, pitchUm, pitchUm, adcBits, Math.round(1_000_000 / hz), 0,
                List.of());
    }

    @Override
    public boolean next(int[] values) {
        return file.next(values);
    }

    @Override
    public FrameTruth truth() {
        return null;
    }

    @Override
    public void rewind() {
        try {
            file.close();
            file = ReplayFile.open(path, rows, cols);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
