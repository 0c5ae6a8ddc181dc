package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acumat.analytics.MatAnalyzer;
import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.session.SessionEvent;
import dev.acumat.analytics.session.SessionSummary;
import dev.acumat.contract.PipelineHeaders;
import dev.acumat.gateway.kafka.FrameRecords;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.MessageReader;
import dev.acumat.protocol.PressureFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the analytics make of one mat's frames in acumat.frames when nothing goes wrong: the
 * frames through a {@link MatAnalyzer} in one go, in offset order, timed as the service times
 * them (the gateway's clock anchor plus the mat's device time). The reference a faulty run is
 * held to.
 */
final class FaultFreeRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String sessionId;
    /** The running session as its last update said it. */
    final SessionSummary lastUpdate;
    /** The session as it ends when the frames stop. */
    final SessionSummary finished;
    /** Contact points by time (ms), as {@link #contactValues}. */
    final Map<Long, String> contact = new LinkedHashMap<>();
    /** Shift times (ms). */
    final List<Long> shifts = new ArrayList<>();

    private FaultFreeRun(String sessionId, SessionSummary lastUpdate, SessionSummary finished) {
        this.sessionId = sessionId;
        this.lastUpdate = lastUpdate;
        this.finished = finished;
    }

    static FaultFreeRun of(String mat, List<ConsumerRecord<byte[], byte[]>> records) {
        Builder run = new Builder(mat);
        records.forEach(run::add);
        return run.finish();
    }

    /**
     * The fault-free run fed one record at a time, for a topic too large to hold in memory (a
     * soak's hour of frames): the same computation as {@link #of}.
     */
    static final class Builder {
        private final String mat;
        private MatAnalyzer analyzer;
        private DeviceInfo info;
        private long last = Long.MIN_VALUE;
        private final Map<Long, String> contact = new LinkedHashMap<>();
        private final List<Long> shifts = new ArrayList<>();
        private final Set<String> sessions = new LinkedHashSet<>();
        private SessionSummary lastUpdate;

        Builder(String mat) {
            this.mat = mat;
        }

        /** One record of the mat's in acumat.frames, in offset order. */
        void add(ConsumerRecord<byte[], byte[]> r) {
            add(r, MessageReader.parse(r.value()));
        }

        /** {@link #add(ConsumerRecord)} with the record's message parsed already. */
        void add(ConsumerRecord<byte[], byte[]> r, Message m) {
            if (m instanceof DeviceInfo d) {
                if (!d.equals(info)) {
                    analyzer = new MatAnalyzer(MatSpec.of(d));
                }
                info = d;
            } else if (m instanceof PressureFrame f && analyzer != null) {
                long time = Long.parseLong(FrameRecords.header(r.headers(), PipelineHeaders.CLOCK_ANCHOR_US))
                        + f.deviceTimeMicros();
                if (time <= last) {
                    return;
                }
                last = time;
                MatAnalyzer.FrameResult result = analyzer.analyze(time, f.toArray());
                if (result.report()) {
                    Double coverage = result.lowerBackCoverage();
                    contact.put(Math.floorDiv(time, 1000), contactValues(result.contact().contactRatio(),
                            result.contact().contactAreaCm2(), coverage, MatAnalyzer.postureLabel(result)));
                }
                for (SessionEvent e : result.events()) {
                    if (e instanceof SessionEvent.Shifted s) {
                        shifts.add(Math.floorDiv(s.shift().timeMicros(), 1000));
                    } else if (e instanceof SessionEvent.Started s) {
                        sessions.add(s.session().sessionId());
                        lastUpdate = s.session();
                    } else if (e instanceof SessionEvent.Updated u) {
                        lastUpdate = u.session();
                    }
                }
            }
        }

        FaultFreeRun finish() {
            assertThat(analyzer).as("frames of %s after a device-info", mat).isNotNull();
            assertThat(sessions).as("the fault-free run of %s: one session, the person never gets off", mat)
                    .hasSize(1);
            List<SessionEvent> end = analyzer.finish();
            FaultFreeRun run = new FaultFreeRun(sessions.iterator().next(), lastUpdate,
                    ((SessionEvent.Ended) end.get(0)).session());
            run.contact.putAll(contact);
            run.shifts.addAll(shifts);
            return run;
        }
    }

    /** A contact point's values, to nine significant digits (InfluxDB and Kafka carry them exactly; this is margin). */
    static String contactValues(double ratio, double areaCm2, Double lowerBackCoverage, String posture) {
        return String.format(Locale.ROOT, "ratio=%.9g area=%.9g lower_back=%s posture=%s", ratio, areaCm2,
                lowerBackCoverage == null || lowerBackCoverage.isNaN() ? "-"
                        : String.format(Locale.ROOT, "%.9g", lowerBackCoverage), posture);
    }

    /** Whether InfluxDB's session points are this run's session, running as its last update said or ended. */
    boolean matchesSession(List<Map<String, JsonNode>> rows) {
        if (rows.size() != 1) {
            return false;
        }
        Map<String, JsonNode> row = rows.get(0);
        SessionSummary want = row.get("active").asBoolean() ? lastUpdate : finished;
        return row.get("session_id").asText().equals(sessionId)
                && Math.abs(row.get("duration_s").asDouble() - want.durationS()) < 1e-6
                && Math.abs(row.get("lower_back_time_s").asDouble() - want.lowerBackTimeS()) < 1e-6
                && row.get("posture_shifts").asInt() == want.postureShifts()
                && row.get("time").asLong() == Math.floorDiv(want.startMicros(), 1000);
    }

    String describe() {
        return String.format(Locale.ROOT, "%s: %.1f s on the mat, %.1f s lower back, %d shifts", sessionId,
                finished.durationS(), finished.lowerBackTimeS(), finished.postureShifts());
    }

    /** The sequence numbers of the frames among records of acumat.frames, in offset order. */
    static List<Long> sequences(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (MessageReader.parse(r.value()) instanceof PressureFrame f) {
                out.add(f.sequence());
            }
        }
        return out;
    }

    /** The {@code time_us} of JSON records of the analytics' topics, in ms, in offset order. */
    static List<Long> times(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Long> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(Math.floorDiv(json(r).path("time_us").asLong(), 1000));
        }
        return out;
    }

    /** The {@code session_id}s of records of acumat.sessions. */
    static Set<String> sessionIds(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> out = new LinkedHashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(json(r).path("session_id").asText());
        }
        return out;
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
