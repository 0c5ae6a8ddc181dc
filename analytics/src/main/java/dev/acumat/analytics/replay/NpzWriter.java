package dev.acumat.analytics.replay;

import dev.acumat.protocol.CalibrationPoint;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.PressureFrame;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes recorded frames as a NumPy {@code .npz} (what {@code numpy.load} opens): the frames
 * as one {@code (N, rows, cols)} array of raw counts as the mat sent them, with each frame's
 * sequence number, device time and wall-clock time, the mat's calibration, pitches, id and
 * cell order. The table of arrays is in docs/RESEARCH.md.
 *
 * <p>The frame count is known only at the end and the npy header comes first, so the cells
 * go to a scratch file while frames arrive and into the archive on {@link #finish}: memory
 * stays at a few longs per frame, whatever the length of the export.
 */
public final class NpzWriter extends FirstGeometryExport {
    private static final int INITIAL = 1024;

    private final OutputStream out;
    private final Path scratch;
    private OutputStream cells;
    private DeviceInfo info;
    private String sessionId;
    private CellOrder order;
    private long[] sequences = new long[INITIAL];
    private long[] deviceTimes = new long[INITIAL];
    private long[] times = new long[INITIAL];
    private int count;

    /**
     * @param scratch   a file for the cells until {@link #finish} (deleted there)
     * @param sessionId the session's id, or null for a time range
     * @param order     the mat's cell order until it states its own
     * @param stated    the order for the mat's own mat_layout, or null to keep {@code order}
     */
    public NpzWriter(OutputStream out, Path scratch, String sessionId, CellOrder order,
                     Function<MatLayout, CellOrder> stated) {
        super(sessionId, order, stated);
        this.out = out;
        this.scratch = scratch;
    }

    @Override
    protected void begin(DeviceInfo info, String sessionId, CellOrder order, RecordedFrame first) throws IOException {
        this.info = info;
        this.sessionId = sessionId;
        this.order = order;
        cells = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16);
    }

    @Override
    protected void write(RecordedFrame frame) throws IOException {
        PressureFrame f = frame.frame();
        for (int i = 0; i < f.cells(); i++) {
            int v = f.valueAt(i);
            cells.write(v);
            cells.write(v >>> 8);
        }
        if (count == sequences.length) {
            sequences = Arrays.copyOf(sequences, count * 2);
            deviceTimes = Arrays.copyOf(deviceTimes, count * 2);
            times = Arrays.copyOf(times, count * 2);
        }
        sequences[count] = f.sequence();
        deviceTimes[count] = f.deviceTimeMicros();
        times[count] = frame.timeMicros();
        count++;
    }

    @Override
    public void finish() throws IOException {
        if (!begun()) {
            return;
        }
        cells.close();
        // The caller owns the output (it may be standard output): finish the archive, keep it open.
        ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
        try (zip) {
            zip.putNextEntry(new ZipEntry("frames.npy"));
            zip.write(NpyArrays.header("<u2", count, info.rows(), info.cols()));
            try (InputStream in = Files.newInputStream(scratch)) {
                in.transferTo(zip);
            }
            entry(zip, "sequence.npy");
            NpyArrays.writeUnsignedInts(zip, sequences, count);
            entry(zip, "device_time_us.npy");
            NpyArrays.writeLongs(zip, deviceTimes, count);
            entry(zip, "time_us.npy");
            NpyArrays.writeLongs(zip, times, count);
            entry(zip, "calibration.npy");
            List<CalibrationPoint> points = info.calibration();
            long[][] pairs = new long[points.size()][];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = new long[] {points.get(i).raw(), points.get(i).pressurePa()};
            }
            NpyArrays.writeLongMatrix(zip, pairs, 2);
            entry(zip, "pitch_mm.npy");
            NpyArrays.writeDoubles(zip, info.rowPitchUm() / 1000.0, info.colPitchUm() / 1000.0);
            entry(zip, "mat_id.npy");
            NpyArrays.writeText(zip, info.matId());
            entry(zip, "session_id.npy");
            NpyArrays.writeText(zip, sessionId == null ? "" : sessionId);
            entry(zip, "order.npy");
            NpyArrays.writeText(zip, order.format());
            zip.closeEntry();
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(name));
    }
}
