package dev.acumat.analytics.stream;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.contract.Posture;
import dev.acumat.analytics.body.PostureFilter;
import dev.acumat.analytics.session.Observation;
import dev.acumat.analytics.session.SessionTracker;
import dev.acumat.analytics.session.ShiftDetector;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.MessageWriter;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A mat's state in the state store (and so in its changelog topic): the mat's last
 * device-info, the analyzer's state and the time of the last frame processed. A version byte
 * leads, so a newer service can read an older state or start the mat afresh. Version 2 adds
 * what version 1 left to refill after a restart (the shift detector's window, the last frame,
 * a session suspended by silence), so a restored mat decides exactly as it would have; a
 * version 1 state still reads, with those empty. Version 3 adds the cell order the analyzer's
 * state was built under (a mat's baseline is cell by cell), so a changed {@code --mat-order} is
 * noticed after a restart; versions 1 and 2 read as the canonical order. Version 4 adds the
 * person's load the on/off detector learnt, the shift detector's comparison across a lift and
 * the posture filter's belief and when the baseline last learnt; older states read with none of
 * them, as a mat just started. Version 5 adds the mat's own last {@code mat_layout} message and
 * the kind of mat the analyzer was built for (a lumbar pad's thresholds are its own), so a mat
 * that stated its layout is analysed the same way after a restart before it says so again; a
 * version 4 state reads as a mat that has stated nothing, analysed by its size.
 */
public final class MatStateCodec {
    static final int VERSION = 5;
    private static final int VERSION_4 = 4;
    private static final int VERSION_3 = 3;
    private static final int VERSION_1 = 1;
    private static final int VERSION_2 = 2;
    /** A bound on a stored shift window before allocating for it: far above 2 s of frames at any rate a mat sends. */
    private static final int MAX_WINDOW = 100_000;

    /**
     * What is kept per mat.
     *
     * @param info     the device-info as the mat sent it
     * @param analyzer the analyzer's state, of canonical frames made through {@code order}
     * @param order    the cell order the analyzer's frames were made with
     * @param stated   the mat's own last mat_layout message, or null when it sent none
     * @param kind     the kind of mat the analyzer was made for
     */
    public record MatState(DeviceInfo info, MatAnalyzer.State analyzer, long lastFrameMicros, CellOrder order,
                           MatLayout stated, MatKind kind) {
        public MatState {
            order = order == null ? CellOrder.NONE : order;
            kind = kind == null ? MatKind.NOT_STATED : kind;
        }

        /** The state of a mat that stated no layout. */
        public MatState(DeviceInfo info, MatAnalyzer.State analyzer, long lastFrameMicros, CellOrder order) {
            this(info, analyzer, lastFrameMicros, order, null, MatKind.NOT_STATED);
        }

        /** The state of a mat whose cells are in the canonical order. */
        public MatState(DeviceInfo info, MatAnalyzer.State analyzer, long lastFrameMicros) {
            this(info, analyzer, lastFrameMicros, CellOrder.NONE);
        }
    }

    private MatStateCodec() {
    }

    public static byte[] encode(MatState state) {
        try {
            Bytes bytes = new Bytes(4096);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            byte[] info = MessageWriter.toBytes(state.info());
            out.writeInt(info.length);
            out.write(info);
            out.writeLong(state.lastFrameMicros());
            out.writeUTF(state.order().format());
            out.writeBoolean(state.stated() != null);
            if (state.stated() != null) {
                out.writeByte(state.stated().cellOrderBits());
                out.writeByte(state.stated().layoutCode());
            }
            out.writeByte(state.kind().code());
            MatAnalyzer.State a = state.analyzer();
            out.writeBoolean(a != null);
            if (a != null) {
                writeAnalyzer(out, a);
            }
            out.flush();
            return bytes.toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a byte array does not fail
        }
    }

    /** The state, or null when it was written by an unknown version (the mat then starts afresh). */
    public static MatState decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int version = in.readUnsignedByte();
            if (version < VERSION_1 || version > VERSION) {
                return null;
            }
            byte[] info = new byte[in.readInt()];
            in.readFully(info);
            DeviceInfo deviceInfo = (DeviceInfo) MessageReader.parse(info);
            long last = in.readLong();
            CellOrder order = version >= VERSION_3 ? CellOrder.parse(in.readUTF()) : CellOrder.NONE;
            MatLayout stated = null;
            MatKind kind = MatKind.NOT_STATED;
            if (version >= VERSION) {
                if (in.readBoolean()) {
                    stated = new MatLayout(in.readUnsignedByte(), in.readUnsignedByte());
                }
                kind = MatKind.fromCode(in.readUnsignedByte());
            }
            MatAnalyzer.State analyzer = in.readBoolean() ? readAnalyzer(in, version) : null;
            return new MatState(deviceInfo, analyzer, last, order, stated, kind);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void writeAnalyzer(DataOutputStream out, MatAnalyzer.State a) throws IOException {
        out.writeInt(a.baseline().length);
        for (float v : a.baseline()) {
            out.writeFloat(v);
        }
        out.writeBoolean(a.baselineSeeded());
        out.writeLong(a.baselineMicros());
        out.writeLong(a.lastReportedSecond());
        SessionTracker.State t = a.tracker();
        out.writeBoolean(t.on());
        out.writeLong(t.onCandidateSince());
        out.writeDouble(t.onCandidateLoad());
        out.writeDouble(t.personLoad());
        out.writeLong(t.onLastMicros());
        out.writeBoolean(t.sessionId() != null);
        if (t.sessionId() != null) {
            out.writeUTF(t.sessionId());
        }
        out.writeLong(t.startMicros());
        out.writeLong(t.lastMicros());
        out.writeLong(t.offSince());
        out.writeLong(t.lastUpdate());
        out.writeDouble(t.lowerBackTime());
        out.writeDouble(t.coverageTime());
        out.writeDouble(t.coverageWeighted());
        out.writeInt(t.shiftCount());
        out.writeByte(t.postureTime().size());
        for (Map.Entry<Posture, Double> e : t.postureTime().entrySet()) {
            out.writeByte(e.getKey().ordinal());
            out.writeDouble(e.getValue());
        }
        out.writeBoolean(t.suspended());
        Observation p = t.previous();
        out.writeBoolean(p != null);
        if (p != null) {
            out.writeLong(p.timeMicros());
            out.writeDouble(p.bodyAreaCm2());
            out.writeDouble(p.copXCm());
            out.writeDouble(p.copYCm());
            out.writeByte(p.posture().ordinal());
            out.writeDouble(p.lowerBackCoverage());
            out.writeDouble(p.load());
        }
        ShiftDetector.State shifts = t.shifts();
        out.writeBoolean(shifts.settled());
        out.writeByte(shifts.settledPosture() == null ? -1 : shifts.settledPosture().ordinal());
        out.writeDouble(shifts.settledX());
        out.writeDouble(shifts.settledY());
        out.writeDouble(shifts.settledLoad());
        out.writeBoolean(shifts.lifted());
        out.writeBoolean(shifts.acrossLift());
        out.writeLong(shifts.movingSince());
        out.writeInt(shifts.window().size());
        for (ShiftDetector.Sample w : shifts.window()) {
            out.writeLong(w.time());
            out.writeDouble(w.x());
            out.writeDouble(w.y());
            out.writeByte(w.posture().ordinal());
        }
        PostureFilter.State filter = a.posture();
        double[] belief = filter.belief();
        out.writeBoolean(belief != null);
        if (belief != null) {
            for (double b : belief) {
                out.writeDouble(b);
            }
            out.writeLong(filter.lastMicros());
        }
    }

    private static MatAnalyzer.State readAnalyzer(DataInputStream in, int version) throws IOException {
        float[] baseline = new float[in.readInt()];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = in.readFloat();
        }
        boolean seeded = in.readBoolean();
        long baselineMicros = version >= VERSION_4 ? in.readLong() : Long.MIN_VALUE;
        long lastReported = in.readLong();
        boolean on = in.readBoolean();
        long candidate = in.readLong();
        double candidateLoad = version >= VERSION_4 ? in.readDouble() : 0;
        double personLoad = version >= VERSION_4 ? in.readDouble() : 0;
        long onLast = version >= VERSION_4 ? in.readLong() : 0;
        String sessionId = in.readBoolean() ? in.readUTF() : null;
        long start = in.readLong();
        long last = in.readLong();
        long offSince = in.readLong();
        long lastUpdate = in.readLong();
        double lowerBackTime = in.readDouble();
        double coverageTime = in.readDouble();
        double coverageWeighted = in.readDouble();
        int shifts = in.readInt();
        Map<Posture, Double> times = new EnumMap<>(Posture.class);
        for (int n = in.readUnsignedByte(); n > 0; n--) {
            times.put(Posture.values()[in.readUnsignedByte()], in.readDouble());
        }
        boolean suspended = false;
        Observation previous = null;
        if (version != VERSION_1) {
            suspended = in.readBoolean();
            if (in.readBoolean()) {
                previous = new Observation(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble(),
                        posture(in.readByte()), in.readDouble(), in.readDouble());
            }
        }
        boolean settled = in.readBoolean();
        Posture settledPosture = posture(in.readByte());
        double sx = in.readDouble();
        double sy = in.readDouble();
        double sload = in.readDouble();
        boolean lifted = version != VERSION_1 && in.readBoolean();
        boolean acrossLift = version >= VERSION_4 && in.readBoolean();
        long moving = in.readLong();
        List<ShiftDetector.Sample> window = new ArrayList<>();
        if (version != VERSION_1) {
            int n = in.readInt();
            if (n < 0 || n > MAX_WINDOW) {
                throw new IOException("a shift window of " + n + " frames");
            }
            for (int i = 0; i < n; i++) {
                window.add(new ShiftDetector.Sample(in.readLong(), in.readDouble(), in.readDouble(),
                        posture(in.readByte())));
            }
        }
        PostureFilter.State filter = PostureFilter.State.initial();
        if (version >= VERSION_4 && in.readBoolean()) {
            double[] belief = new double[Posture.values().length];
            for (int i = 0; i < belief.length; i++) {
                belief[i] = in.readDouble();
            }
            filter = new PostureFilter.State(belief, in.readLong());
        }
        SessionTracker.State tracker = new SessionTracker.State(on, candidate, candidateLoad, personLoad, onLast, sessionId, start,
                last, offSince, lastUpdate, lowerBackTime, coverageTime, coverageWeighted, shifts, times, suspended,
                previous, new ShiftDetector.State(window, settled, settledPosture, sx, sy, sload, lifted, acrossLift,
                moving));
        return new MatAnalyzer.State(baseline, seeded, baselineMicros, tracker, lastReported, filter);
    }

    private static Posture posture(int ordinal) {
        return ordinal < 0 ? null : Posture.values()[ordinal];
    }

    /**
     * A growing byte array without {@link java.io.ByteArrayOutputStream}'s lock: DataOutputStream
     * hands it a float as four single-byte writes, and a lock taken per byte (a baseline is
     * thousands) made encoding the states at each commit a twentieth of a stream thread's time
     * at 1,000 mats.
     */
    private static final class Bytes extends OutputStream {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, 2 * buf.length);
            }
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > buf.length - size) {
                buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + len));
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
