package dev.acumat.simulator;

import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Frames from a recording in the replay format. The whole file is checked when the source is
 * made, so a bad recording fails before the first byte goes out. A recording carries no ground
 * truth; its calibration is the one of its {@link ReplayHeader}, else none (raw counts). The
 * geometry given is the file's; a {@link CellOrder} makes its frames, and the device-info sent
 * with them, acumat's canonical ones.
 *
 * <p>A {@linkplain #stream streamed} recording (a FIFO, standard input) is read once, as it
 * comes: nothing is checked ahead (a bad line ends the play when it is reached), it has no
 * header, its ADC is taken as 16 bits (its largest value is not known ahead), and {@link
 * #rewind()} finds nothing more, so a looping player stops at its end.
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
    /** Null for a stream. */
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
        checkGeometry(rows, cols, rowPitchUm, colPitchUm);
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

    private ReplayFrameSource(ReplayFile stream, int rows, int cols, long rowPitchUm, long colPitchUm, double hz,
                              CellOrder order) {
        this.path = null;
        this.rows = rows;
        this.cols = cols;
        this.rowPitchUm = rowPitchUm;
        this.colPitchUm = colPitchUm;
        this.hz = hz;
        this.header = null;
        this.order = order;
        this.summary = null;
        this.file = stream;
    }

    /**
     * A plain recording read from {@code in} (a FIFO, standard input) as it comes, once, named
     * {@code name} in messages: {@code rows x cols} frames as written, in {@code order}.
     */
    public static ReplayFrameSource stream(InputStream in, String name, int rows, int cols, double rowPitchMm,
                                           double colPitchMm, double hz, CellOrder order) throws IOException {
        long rowUm = Math.round(rowPitchMm * 1000);
        long colUm = Math.round(colPitchMm * 1000);
        checkGeometry(rows, cols, rowUm, colUm);
        return new ReplayFrameSource(ReplayFile.stream(in, name, rows, cols, order), rows, cols, rowUm, colUm, hz,
                order);
    }

    private static void checkGeometry(int rows, int cols, long rowPitchUm, long colPitchUm) {
        if (rows < 1 || rows > 256 || cols < 1 || cols > 256) {
            throw new IllegalArgumentException("rows and cols must be 1..256: " + rows + " x " + cols);
        }
        if (rowPitchUm < 1 || rowPitchUm > 1_000_000 || colPitchUm < 1 || colPitchUm > 1_000_000) {
            throw new IllegalArgumentException("pitch must be in (0, 1000] mm: " + rowPitchUm / 1000.0);
        }
    }

    /** Whether the recording is read once as it comes (a FIFO, standard input). */
    public boolean streamed() {
        return summary == null;
    }

    /** Frames in the recording, or -1 for a stream, whose end is not known ahead. */
    public long frames() {
        return summary == null ? -1 : summary.frames();
    }

    @Override
    public DeviceInfo deviceInfo(String matId) {
        int adcBits = header != null ? header.adcBits() : summary == null || summary.maxValue() > 4095 ? 16 : 12;
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
        if (streamed()) {
            return;  // a stream has nothing to go back to: the next read finds its end again
        }
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
