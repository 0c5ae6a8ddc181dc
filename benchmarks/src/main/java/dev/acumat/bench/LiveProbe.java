package dev.acumat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;

/**
 * A live-page client: a WebSocket on /api/live per watched mat (docs/WEB.md), recording for
 * each frame message the time from the frame leaving the load generator ({@code time_ms}, the
 * frame's wall-clock time) to its arrival here, in microseconds.
 */
final class LiveProbe implements AutoCloseable {
    private static final Pattern TIME = Pattern.compile("\"time_ms\":(\\d+)");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    /** Frames slower than this are kept one by one, for {@link LatencyTail}. */
    static final long SLOW_MICROS = 50_000;

    /** A frame that took longer than {@link #SLOW_MICROS}: when it arrived (wall clock) and how long it took. */
    record Slow(long arrivedMillis, double latencyMillis) {
    }

    private final Recorder latency = new Recorder(3);
    private final List<Slow> slow = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<WebSocket> sockets = new ArrayList<>();
    private volatile boolean recording;

    /** When a frame left, from its sequence number (-1: unknown); null: the frame's own {@code time_ms}. */
    private final java.util.function.LongUnaryOperator sentMillisBySeq;

    LiveProbe(int httpPort, List<String> mats) throws Exception {
        this(httpPort, mats, null);
    }

    /** A probe that takes each frame's departure from {@code sentMillisBySeq} instead of its {@code time_ms}. */
    LiveProbe(int httpPort, List<String> mats, java.util.function.LongUnaryOperator sentMillisBySeq) throws Exception {
        this.sentMillisBySeq = sentMillisBySeq;
        HttpClient http = HttpClient.newHttpClient();
        for (String mat : mats) {
            sockets.add(http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/api/live?mat=" + mat), new Listener())
                    .get(30, TimeUnit.SECONDS));
        }
    }

    /** Starts a fresh histogram: what arrived before is dropped. */
    void reset() {
        latency.getIntervalHistogram();
        slow.clear();
        recording = true;
    }

    /** The histogram since {@link #reset}. */
    org.HdrHistogram.Histogram histogram() {
        return latency.getIntervalHistogram();
    }

    /** The frames slower than {@link #SLOW_MICROS} since {@link #reset}. */
    List<Slow> slow() {
        synchronized (slow) {
            return List.copyOf(slow);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private ByteBuffer partial = ByteBuffer.allocate(64 * 1024);

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            if (partial.remaining() < data.remaining()) {
                ByteBuffer bigger = ByteBuffer.allocate((partial.position() + data.remaining()) * 2);
                partial.flip();
                bigger.put(partial);
                partial = bigger;
            }
            partial.put(data);
            if (last) {
                long arrived = System.currentTimeMillis() * 1000;
                partial.flip();
                onFrame(partial, arrived);
                partial.clear();
            }
            socket.request(1);
            return null;
        }

        /** "AMF1", u32 LE length, the JSON: its time_ms. */
        private void onFrame(ByteBuffer message, long arrivedMicros) {
            if (message.remaining() < 8 || !recording) {
                return;
            }
            int length = message.order(ByteOrder.LITTLE_ENDIAN).getInt(4);
            String json = StandardCharsets.UTF_8.decode(message.slice(8, Math.min(length, message.remaining() - 8)))
                    .toString();
            Matcher m = (sentMillisBySeq == null ? TIME : SEQ).matcher(json);
            if (m.find()) {
                long sent = sentMillisBySeq == null ? Long.parseLong(m.group(1))
                        : sentMillisBySeq.applyAsLong(Long.parseLong(m.group(1)));
                if (sent < 0) {
                    return;
                }
                long micros = Math.max(0, arrivedMicros - sent * 1000);
                latency.recordValue(micros);
                if (micros > SLOW_MICROS) {
                    slow.add(new Slow(arrivedMicros / 1000, micros / 1000.0));
                }
            }
        }
    }

    @Override
    public void close() {
        for (WebSocket s : sockets) {
            s.abort();
        }
    }
}
