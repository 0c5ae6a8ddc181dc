package dev.acumat.gateway;

import dev.acumat.contract.PipelineHeaders;
import dev.acumat.contract.Topics;
import dev.acumat.gateway.health.MatHealth;
import dev.acumat.gateway.serial.SerialReader;
import dev.acumat.gateway.spool.Spool;
import dev.acumat.gateway.spool.SpoolEntry;
import dev.acumat.gateway.spool.SpoolFullException;
import dev.acumat.protocol.CellOrder;
import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeErrorType;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.MatKind;
import dev.acumat.protocol.MatLayout;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageWriter;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.time.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where decoded messages become spooled Kafka records, on the reader thread: it names each
 * frame with the mat id from the device-info (or the override), checks its sequence number
 * for gaps, stamps it with wall-clock time through the mat's clock anchor, and appends it to
 * the spool. Frames that come before the mat has said who it is wait briefly; if it never
 * does, they are dropped and counted.
 *
 * <p>A mat's {@code mat_layout} message travels like its device-info (same key, headers and
 * timestamp rule). With a {@link MatLayoutOverride} the gateway states the layout itself, right
 * after each device-info it forwards, and forwards the mat's own only as overridden (and only
 * when that differs from what it last stated): the options win. A {@code mat_layout} before the
 * mat has said who it is is dropped; it comes again after the mat's next device-info.
 */
public final class FrameIntake implements SerialReader.Listener {
    private static final Logger log = LoggerFactory.getLogger(FrameIntake.class);
    /** A mat announces itself within 100 ms of our request and every 5 s: this covers both. */
    static final long PENDING_HOLD_NANOS = 6_000_000_000L;
    static final int PENDING_MAX = 2048;
    /** How far the mat's clock may fall behind ours before the anchor is taken again. */
    static final long REANCHOR_MICROS = 2_000_000;
    private static final long SEQ_MOD = 1L << 32;

    private final Spool spool;
    private final String matIdOverride;
    private final MatLayoutOverride layoutOverride;
    /** The mat's own last mat_layout ("not stated" before one), and what was last forwarded, under an override. */
    private MatLayout ownLayout = MatLayout.of(CellOrder.NONE, MatKind.NOT_STATED);
    private MatLayout stated;
    private final Time time;
    private final Map<String, MatHealth> health = new ConcurrentHashMap<>();
    private final Map<String, MatClock> clocks = new ConcurrentHashMap<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private MatHealth unnamed;
    private String matId;
    private long lastFullWarning = Long.MIN_VALUE;

    private record Pending(PressureFrame frame, byte[] bytes, long receivedMicros, long receivedNanos) {
    }

    /** Per mat and boot: where device time 0 falls on the wall clock, and the last frame seen. */
    private static final class MatClock {
        long anchorMicros;
        long lastDeviceMicros = -1;
        long lastSequence = -1;
    }

    /**
     * @param matIdOverride the mat id to use whatever the device-info says, or null
     */
    public FrameIntake(Spool spool, String matIdOverride, Time time) {
        this(spool, matIdOverride, null, time);
    }

    /**
     * @param matIdOverride  the mat id to use whatever the device-info says, or null
     * @param layoutOverride the mat layout to state on the mat's behalf, or null to forward the mat's own
     */
    public FrameIntake(Spool spool, String matIdOverride, MatLayoutOverride layoutOverride, Time time) {
        this.spool = spool;
        this.matIdOverride = matIdOverride;
        this.layoutOverride = layoutOverride;
        this.time = time;
        this.unnamed = new MatHealth("?", time.nanoTime());
        this.matId = matIdOverride;
    }

    /** The counters of every mat seen, for the health reporter. */
    public Map<String, MatHealth> health() {
        return health;
    }

    private MatHealth current() {
        return matId == null ? unnamed : healthOf(matId);
    }

    private MatHealth healthOf(String id) {
        return health.computeIfAbsent(id, k -> new MatHealth(k, time.nanoTime()));
    }

    @Override
    public void onConnected(String port) {
        current().reconnect();
        if (matIdOverride == null) {
            // A different mat may be on the port now: wait for its device-info again.
            matId = null;
        }
        ownLayout = MatLayout.of(CellOrder.NONE, MatKind.NOT_STATED);
    }

    @Override
    public void onDisconnected(String port, String reason) {
        // Counted on the next connect; frames lost meanwhile show as a sequence gap.
    }

    @Override
    public void onBytes(int count) {
        current().addBytes(count);
    }

    @Override
    public void onError(DecodeError error) {
        MatHealth h = current();
        h.resync();
        if (error.type() == DecodeErrorType.BAD_CRC) {
            h.crcError();
        }
    }

    @Override
    public void onMalformedLine() {
        current().malformedLine();
    }

    @Override
    public void onMessage(Message message) {
        byte[] bytes = MessageWriter.toBytes(message);
        onMessage(message, bytes, 0, bytes.length);
    }

    @Override
    public void onMessage(Message message, byte[] bytes, int offset, int length) {
        long nowMicros = time.currentTimeMillis() * 1000;
        if (message instanceof DeviceInfo info) {
            onDeviceInfo(info, Arrays.copyOfRange(bytes, offset, offset + length), nowMicros);
        } else if (message instanceof MatLayout layout) {
            onMatLayout(layout, Arrays.copyOfRange(bytes, offset, offset + length), nowMicros);
        } else if (message instanceof PressureFrame frame) {
            byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
            if (matId == null) {
                hold(new Pending(frame, copy, nowMicros, time.nanoTime()));
            } else {
                accept(frame, copy, nowMicros);
            }
        }
        // An info request is for mats: a gateway never answers one.
    }

    private void onDeviceInfo(DeviceInfo info, byte[] bytes, long nowMicros) {
        String id = matIdOverride != null ? matIdOverride : info.matId();
        if (!id.equals(matId)) {
            log.info("mat {} on the port: {} x {} at {} x {} um, firmware {}, {}", id, info.rows(), info.cols(),
                    info.rowPitchUm(), info.colPitchUm(), info.firmwareVersion(),
                    info.isCalibrated() ? info.calibration().size() + " calibration points" : "uncalibrated (raw units)");
            matId = id;
            MatHealth h = healthOf(id);
            h.absorb(unnamed);
            unnamed = new MatHealth("?", time.nanoTime());
        }
        appendAsDeviceInfo(bytes, nowMicros);
        if (layoutOverride != null) {
            stated = layoutOverride.applyTo(ownLayout);
            appendAsDeviceInfo(MessageWriter.toBytes(stated), nowMicros);
        }
        while (!pending.isEmpty()) {
            Pending p = pending.poll();
            accept(p.frame(), p.bytes(), p.receivedMicros());
        }
    }

    private void onMatLayout(MatLayout layout, byte[] bytes, long nowMicros) {
        if (matId == null) {
            return;  // whose? It comes again after the mat's next device-info.
        }
        if (layoutOverride == null) {
            appendAsDeviceInfo(bytes, nowMicros);
            return;
        }
        if (!layout.equals(ownLayout)) {
            log.info("mat {} states {}; the gateway's --cell-order/--mat-layout ({}) win", matId, layout,
                    layoutOverride);
        }
        ownLayout = layout;
        MatLayout merged = layoutOverride.applyTo(layout);
        if (!merged.equals(stated)) {
            stated = merged;
            appendAsDeviceInfo(MessageWriter.toBytes(merged), nowMicros);
        }
    }

    /**
     * Spools a message about the mat (a device-info or a mat layout): timestamped with the mat's
     * last frame's time, or its arrival before the first frame.
     */
    private void appendAsDeviceInfo(byte[] bytes, long nowMicros) {
        MatClock clock = clocks.get(matId);
        long timestamp = clock == null ? nowMicros / 1000 : (clock.anchorMicros + clock.lastDeviceMicros) / 1000;
        append(Topics.FRAMES, bytes, Math.max(0, timestamp), clock == null ? nowMicros : clock.anchorMicros);
    }

    private void hold(Pending p) {
        pending.add(p);
        long dropped = 0;
        while (pending.size() > PENDING_MAX || p.receivedNanos() - pending.peek().receivedNanos() > PENDING_HOLD_NANOS) {
            pending.poll();
            dropped++;
        }
        if (dropped > 0) {
            unnamed.droppedNoMatId(dropped);
            log.warn("no device-info from the mat on this port yet: dropped {} frames (--mat-id names a mat that"
                    + " does not announce itself)", dropped);
        }
    }

    private void accept(PressureFrame frame, byte[] bytes, long receivedMicros) {
        MatHealth h = healthOf(matId);
        MatClock clock = clocks.computeIfAbsent(matId, k -> new MatClock());
        long device = frame.deviceTimeMicros();
        if (clock.lastDeviceMicros >= 0 && device <= clock.lastDeviceMicros) {
            if (device == clock.lastDeviceMicros && frame.sequence() == clock.lastSequence) {
                return;  // the same frame twice: the sequence number identifies a frame
            }
            h.restart();
            clock.lastDeviceMicros = -1;
            clock.lastSequence = -1;
        }
        long candidate = receivedMicros - device;
        if (clock.lastDeviceMicros < 0) {
            clock.anchorMicros = candidate;
        } else if (candidate - clock.anchorMicros > REANCHOR_MICROS) {
            // The mat's clock fell behind ours (a stall, a slow crystal): catch up. Only forward:
            // moving the anchor back would give later frames earlier times than frames already sent.
            log.info("mat {}: its clock fell {} ms behind ours; anchoring it again", matId,
                    (candidate - clock.anchorMicros) / 1000);
            clock.anchorMicros = candidate;
        }
        if (clock.lastSequence >= 0) {
            long step = Math.floorMod(frame.sequence() - clock.lastSequence, SEQ_MOD);
            if (step > 1 && step < SEQ_MOD / 2) {
                h.gap(step - 1);
            }
        }
        clock.lastDeviceMicros = device;
        clock.lastSequence = frame.sequence();
        if (append(Topics.FRAMES, bytes, (clock.anchorMicros + device) / 1000, clock.anchorMicros)) {
            h.frame();
        }
    }

    /** Spools a health snapshot for acumat.device-health; called by the reporter's thread. */
    public void appendHealth(MatHealth.Snapshot snapshot) {
        try {
            synchronized (spool) {
                spool.append(Topics.DEVICE_HEALTH, snapshot.matId().getBytes(StandardCharsets.UTF_8),
                        snapshot.json().getBytes(StandardCharsets.UTF_8), snapshot.timeMillis(),
                        List.of(new SpoolEntry.Header(PipelineHeaders.ENCODING,
                                PipelineHeaders.encodingVersion())));
            }
        } catch (IOException e) {
            log.warn("health of mat {} not spooled: {}", snapshot.matId(), e.getMessage());
        }
    }

    /** Appends to the spool; a full spool or a disk error drops this record, loudly, and never the ones before. */
    private boolean append(String topic, byte[] value, long timestampMillis, long anchorMicros) {
        List<SpoolEntry.Header> headers = List.of(
                new SpoolEntry.Header(PipelineHeaders.ENCODING, PipelineHeaders.encodingVersion()),
                new SpoolEntry.Header(PipelineHeaders.CLOCK_ANCHOR_US, PipelineHeaders.decimal(anchorMicros)));
        try {
            // The reporter's thread appends health records too; the spool takes one appender at a time.
            synchronized (spool) {
                spool.append(topic, matId.getBytes(StandardCharsets.UTF_8), value, timestampMillis, headers);
            }
            return true;
        } catch (SpoolFullException e) {
            healthOf(matId).droppedSpoolFull();
            long now = time.nanoTime();
            if (lastFullWarning == Long.MIN_VALUE || now - lastFullWarning > 10_000_000_000L) {
                lastFullWarning = now;
                log.error("SPOOL FULL ({}): new frames of mat {} are dropped until Kafka takes the backlog;"
                        + " {} dropped so far", e.getMessage(), matId, healthOf(matId).droppedSpoolFullCount());
            }
        } catch (IOException e) {
            healthOf(matId).droppedSpoolFull();
            log.error("spool write failed, frame of mat {} dropped: {}", matId, e.getMessage());
        }
        return false;
    }
}
