package dev.acumat.gateway.health;

import java.util.Locale;

/**
 * The counters of one mat as the gateway sees it. Written by the reader thread, read by the
 * health reporter: plain volatile longs with a single writer each.
 */
public final class MatHealth {
    private final String matId;
    volatile long bytes;
    volatile long frames;
    volatile long crcErrors;
    volatile long resyncs;
    volatile long sequenceGaps;
    volatile long framesLost;
    volatile long restarts;
    volatile long reconnects;
    volatile long droppedSpoolFull;
    volatile long droppedNoMatId;
    volatile long malformedLines;
    private long framesAtLastReport;
    private long lastReportNanos;

    public MatHealth(String matId, long nowNanos) {
        this.matId = matId;
        this.lastReportNanos = nowNanos;
    }

    public String matId() {
        return matId;
    }

    public void addBytes(long n) {
        bytes += n;
    }

    public void frame() {
        frames++;
    }

    public void crcError() {
        crcErrors++;
    }

    public void resync() {
        resyncs++;
    }

    /** A jump in the sequence numbers: {@code lost} frames never arrived. */
    public void gap(long lost) {
        sequenceGaps++;
        framesLost += lost;
    }

    /** The mat's clock went back: it restarted. */
    public void restart() {
        restarts++;
    }

    public void reconnect() {
        reconnects++;
    }

    public void droppedSpoolFull() {
        droppedSpoolFull++;
    }

    public void droppedNoMatId(long n) {
        droppedNoMatId += n;
    }

    /** A text mat's line that was no frame: dropped. */
    public void malformedLine() {
        malformedLines++;
    }

    public long frames() {
        return frames;
    }

    public long droppedSpoolFullCount() {
        return droppedSpoolFull;
    }

    /** Folds counters gathered before the mat said who it is into this mat's. */
    public void absorb(MatHealth early) {
        bytes += early.bytes;
        crcErrors += early.crcErrors;
        resyncs += early.resyncs;
        reconnects += early.reconnects;
        malformedLines += early.malformedLines;
    }

    /**
     * A snapshot for the log and the health topic, with the frame rate since the previous one.
     * Called by the reporter thread only.
     */
    public Snapshot snapshot(long nowNanos, long timeMillis, long spoolDepth) {
        long f = frames;
        double seconds = (nowNanos - lastReportNanos) / 1e9;
        double rate = seconds > 0 ? (f - framesAtLastReport) / seconds : 0;
        framesAtLastReport = f;
        lastReportNanos = nowNanos;
        return new Snapshot(matId, timeMillis, bytes, f, crcErrors, resyncs, sequenceGaps, framesLost, restarts,
                reconnects, spoolDepth, droppedSpoolFull, droppedNoMatId, malformedLines, rate);
    }

    /** Cumulative counters since the gateway started, and the frame rate over the last interval. */
    public record Snapshot(String matId, long timeMillis, long bytes, long frames, long crcErrors, long resyncs,
                           long sequenceGaps, long framesLost, long restarts, long reconnects, long spoolDepth,
                           long droppedSpoolFull, long droppedNoMatId, long malformedLines, double frameRateHz) {

        /** One log line. */
        public String line() {
            return String.format(Locale.ROOT, "mat=%s rate=%.1f/s frames=%d bytes=%d crc_errors=%d resyncs=%d"
                            + " gaps=%d lost=%d restarts=%d reconnects=%d spool=%d dropped=%d malformed_lines=%d", matId,
                    frameRateHz, frames, bytes, crcErrors, resyncs, sequenceGaps, framesLost, restarts, reconnects,
                    spoolDepth, droppedSpoolFull + droppedNoMatId, malformedLines);
        }

        /** The JSON value of an acumat.device-health record (docs/TOPICS.md). */
        public String json() {
            return String.format(Locale.ROOT, "{\"mat\":\"%s\",\"time_ms\":%d,\"bytes\":%d,\"frames\":%d,"
                            + "\"crc_errors\":%d,\"resyncs\":%d,\"sequence_gaps\":%d,\"frames_lost\":%d,\"restarts\":%d,"
                            + "\"reconnects\":%d,\"spool_depth\":%d,\"dropped_spool_full\":%d,\"dropped_no_mat_id\":%d,"
                            + "\"malformed_lines\":%d,\"frame_rate_hz\":%.3f}", matId, timeMillis, bytes, frames,
                    crcErrors, resyncs, sequenceGaps, framesLost, restarts, reconnects, spoolDepth, droppedSpoolFull,
                    droppedNoMatId, malformedLines, frameRateHz);
        }
    }
}
