package dev.acumat.analytics.stream;

import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.body.Posture;
import dev.acumat.analytics.session.SessionTracker;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.MessageWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A mat's state in the state store (and so in its changelog topic): the mat's last
 * device-info, the analyzer's state and the time of the last frame processed. A version byte
 * leads, so a newer service can read an older state or start the mat afresh.
 */
public final class MatStateCodec {
    static final int VERSION = 1;

    /** What is kept per mat. */
    public record MatState(DeviceInfo info, MatAnalyzer.State analyzer, long lastFrameMicros) {
    }

    private MatStateCodec() {
    }

    public static byte[] encode(MatState state) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            byte[] info = MessageWriter.toBytes(state.info());
            out.writeInt(info.length);
            out.write(info);
            out.writeLong(state.lastFrameMicros());
            MatAnalyzer.State a = state.analyzer();
            out.writeBoolean(a != null);
            if (a != null) {
                writeAnalyzer(out, a);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a byte array does not fail
        }
    }

    /** The state, or null when it was written by an unknown version (the mat then starts afresh). */
    public static MatState decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readUnsignedByte() != VERSION) {
                return null;
            }
            byte[] info = new byte[in.readInt()];
            in.readFully(info);
            DeviceInfo deviceInfo = (DeviceInfo) MessageReader.parse(info);
            long last = in.readLong();
            MatAnalyzer.State analyzer = in.readBoolean() ? readAnalyzer(in) : null;
            return new MatState(deviceInfo, analyzer, last);
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
        out.writeLong(a.lastReportedSecond());
        SessionTracker.State t = a.tracker();
        out.writeBoolean(t.on());
        out.writeLong(t.onCandidateSince());
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
        out.writeBoolean(t.settled());
        out.writeByte(t.settledPosture() == null ? -1 : t.settledPosture().ordinal());
        out.writeDouble(t.settledX());
        out.writeDouble(t.settledY());
        out.writeDouble(t.settledLoad());
        out.writeLong(t.movingSince());
    }

    private static MatAnalyzer.State readAnalyzer(DataInputStream in) throws IOException {
        float[] baseline = new float[in.readInt()];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = in.readFloat();
        }
        boolean seeded = in.readBoolean();
        long lastReported = in.readLong();
        boolean on = in.readBoolean();
        long candidate = in.readLong();
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
        boolean settled = in.readBoolean();
        int settledPosture = in.readByte();
        double sx = in.readDouble();
        double sy = in.readDouble();
        double sload = in.readDouble();
        long moving = in.readLong();
        SessionTracker.State tracker = new SessionTracker.State(on, candidate, sessionId, start, last, offSince,
                lastUpdate, lowerBackTime, coverageTime, coverageWeighted, shifts, times, settled,
                settledPosture < 0 ? null : Posture.values()[settledPosture], sx, sy, sload, moving);
        return new MatAnalyzer.State(baseline, seeded, tracker, lastReported);
    }
}
