package dev.acumat.simulator;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Frames from a recording in the replay format. The whole file is checked when the source is
 * made, so a bad recording fails before the first byte goes out. A recording carries no ground
 * truth; its calibration is the one of its {@link ReplayHeader}, else none (raw counts). The
 * geometry given is the file's; a {@link CellOrder} makes its frames, and the device-info sent
 * with them, acumat's canonical ones.
 */
public final class ReplayFrameSource implements FrameSource {
    private final Path path;
    private final int rows;
    private final int cols;
    private final long rowPitchUm;
    private final long colPitchUm;
    private final double hz;
    private final ReplayHeader header;
    private final CellOrder order;
    private final ReplayFile.Summary summary;
    private ReplayFile file;

    public ReplayFrameSource(Path path, int rows, int cols, double pitchMm, double hz) throws IOException {
        this(path, rows, cols, pitchMm, hz, CellOrder.NONE);
    }

    /** A plain recording of {@code rows x cols} frames as written, whose cells are in {@code order}. */
    public ReplayFrameSource(Path path, int rows, int cols, double pitchMm, double hz, CellOrder order)
            throws IOException {
        this(path, rows, cols, pitchMm, pitchMm, hz, order);
    }

    /** A plain recording whose rows and columns lie {@code rowPitchMm} and {@code colPitchMm} apart. */
    public ReplayFrameSource(Path path, int rows, int cols, double rowPitchMm, double colPitchMm, double hz,
                             CellOrder order) throws IOException {
        this(path, rows, cols, Math.round(rowPitchMm * 1000), Math.round(colPitchMm * 1000), hz, null, order);
    }

    /** A recording with a header: its geometry, calibration and cell order, at {@code hz}. */
    public ReplayFrameSource(Path path, ReplayHeader header, double hz) throws IOException {
        this(path, header, hz, header.order());
    }

    /** A recording with a header, read through {@code order} instead of the header's. */
    public ReplayFrameSource(Path path, ReplayHeader header, double hz, CellOrder order) throws IOException {
        this(path, header.rows(), header.cols(), header.rowPitchUm(), header.colPitchUm(), hz, header, order);
    }

    private ReplayFrameSource(Path path, int rows, int cols, long rowPitchUm, long colPitchUm, double hz,
                              ReplayHeader header, CellOrder order) throws IOException {
        if (rows < 1 || rows > 256 || cols < 1 || cols > 256) {
            throw new IllegalArgumentException("rows and cols must be 1..256: " + rows + " x " + cols);
        }
        if (rowPitchUm < 1 || rowPitchUm > 1_000_000 || colPitchUm < 1 || colPitchUm > 1_000_000) {
            throw new IllegalArgumentException("pitch must be in (0, 1000] mm: " + rowPitchUm / 1000.0);
        }
        this.path = path;
        this.rows = rows;
        this.cols = cols;
        this.rowPitchUm = rowPitchUm;
        this.colPitchUm = colPitchUm;
        this.hz = hz;
        this.header = header;
        this.order = order;
        this.summary = ReplayFile.check(path, rows, cols, order);
        this.file = ReplayFile.open(path, rows, cols, order);
    }

    public long frames() {
        return summary.frames();
    }

    @Override
    public DeviceInfo deviceInfo(String matId) {
        int adcBits = header != null ? header.adcBits() : summary.maxValue() <= 4095 ? 12 : 16;
        return order.canonical(new DeviceInfo(matId, 0, 1, 0, rows, cols, rowPitchUm, colPitchUm, adcBits,
                Math.round(1_000_000 / hz), 0, header != null ? header.calibration() : List.of()));
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
            file = ReplayFile.open(path, rows, cols, order);
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
