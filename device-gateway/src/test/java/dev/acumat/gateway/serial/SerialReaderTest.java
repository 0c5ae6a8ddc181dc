package dev.acumat.gateway.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.gateway.Backoff;
import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.InfoRequest;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.ManualTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialReaderTest {
    private final ManualTime time = new ManualTime();
    private final List<String> events = new ArrayList<>();
    private final List<PressureFrame> frames = new ArrayList<>();
    private SerialReader reader;
    private int stopAfterFrames = Integer.MAX_VALUE;
    private int stopAfterDisconnects = Integer.MAX_VALUE;

    private final SerialReader.Listener listener = new SerialReader.Listener() {
        int disconnects;

        @Override
        public void onConnected(String port) {
            events.add("connected " + port);
        }

        @Override
        public void onDisconnected(String port, String reason) {
            events.add("lost " + reason);
            if (++disconnects >= stopAfterDisconnects) {
                reader.stop();
            }
        }

        @Override
        public void onBytes(int count) {
        }

        @Override
        public void onMessage(Message message) {
            if (message instanceof PressureFrame f) {
                frames.add(f);
                if (frames.size() >= stopAfterFrames) {
                    reader.stop();
                }
            }
        }

        @Override
        public void onError(DecodeError error) {
            events.add("error " + error.type());
        }
    };

    private static PressureFrame frame(long seq) {
        return new PressureFrame(seq, seq * 40_000, 2, 2, new int[] {1, 2, 3, (int) seq});
    }

    private static byte[] wire(long... seqs) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0);
        for (long s : seqs) {
            out.writeBytes(WireEncoder.encode(frame(s)));
        }
        return out.toByteArray();
    }

    @Test
    void reopensAnUnpluggedPortWithCappedBackoffAndAFreshDecoder() {
        FakeSerialLink first = new FakeSerialLink("/dev/ttyACM0", time, 200).chunk(wire(0, 1, 2));
        byte[] partial = Arrays.copyOf(WireEncoder.encode(frame(3)), 9);
        first.chunk(partial);  // the cable goes mid-frame
        first.unplugAtEnd = true;
        byte[] tail = WireEncoder.encode(frame(9));
        FakeSerialLink second = new FakeSerialLink("/dev/ttyACM0", time, 200)
                .chunk(Arrays.copyOfRange(tail, 4, tail.length))  // joined mid-frame: skipped, no error
                .chunk(WireEncoder.encode(frame(10)));
        Deque<Object> opens = new ArrayDeque<>(List.of(first, "missing", "missing", "missing", second));
        stopAfterFrames = 4;
        reader = new SerialReader(() -> {
            Object next = opens.poll();
            if (next instanceof FakeSerialLink l) {
                return l;
            }
            throw new SerialException("port /dev/ttyACM0: not present");
        }, listener, time, Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(300)));
        reader.run();

        assertThat(frames).extracting(PressureFrame::sequence).containsExactly(0L, 1L, 2L, 10L);
        assertThat(events).containsExactly("connected /dev/ttyACM0",
                "lost port /dev/ttyACM0: read failed, the device is gone", "connected /dev/ttyACM0");
        assertThat(time.sleptMillis()).containsExactly(100L, 200L, 300L);
        assertThat(first.closed).isTrue();
        byte[] hello = new byte[WireEncoder.encode(InfoRequest.INSTANCE).length + 1];
        System.arraycopy(WireEncoder.encode(InfoRequest.INSTANCE), 0, hello, 1, hello.length - 1);
        assertThat(first.written.toByteArray()).as("asks the mat who it is").isEqualTo(hello);
        assertThat(second.written.toByteArray()).isEqualTo(hello);
    }

    @Test
    void silencePastTheTimeoutCountsAsALostPort() {
        FakeSerialLink quiet = new FakeSerialLink("/tmp/mat", time, 200).chunk(wire(0));
        stopAfterDisconnects = 1;
        reader = new SerialReader(() -> quiet, listener, time, Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
        reader.run();
        assertThat(events).containsExactly("connected /tmp/mat", "lost silent for 5000 ms");
        assertThat(quiet.closed).isTrue();
    }

    @Test
    void readsAtMostATtyBufferAtATimeAndLosesNothingOfALargerBurst() {
        long[] seqs = new long[400];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = i;
        }
        byte[] burst = wire(seqs);
        assertThat(burst.length).as("the burst spans several reads").isGreaterThan(2 * 4096);
        FakeSerialLink link = new FakeSerialLink("/tmp/mat", time, 200).chunk(burst);
        stopAfterFrames = seqs.length;
        reader = new SerialReader(() -> link, listener, time, Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
        reader.run();
        assertThat(frames).extracting(PressureFrame::sequence).containsExactly(java.util.Arrays.stream(seqs).boxed()
                .toArray(Long[]::new));
        // jSerialComm copies the whole array in and out on every read: a small one is what keeps a read cheap.
        assertThat(link.largestRead).isLessThanOrEqualTo(4096);
    }

    @Test
    void garbageBetweenFramesIsCountedAndSkipped() {
        byte[] garbage = {0x13, 0x37, (byte) 0xFF, 0x00};
        FakeSerialLink link = new FakeSerialLink("/tmp/mat", time, 200).chunk(wire(0)).chunk(garbage).chunk(wire(1));
        stopAfterFrames = 2;
        reader = new SerialReader(() -> link, listener, time, Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
        reader.run();
        assertThat(frames).extracting(PressureFrame::sequence).containsExactly(0L, 1L);
        assertThat(events).contains("error BAD_FRAMING");
    }

    @Test
    void closesEveryPortItOpensWhenTheHelloCannotBeWritten() {
        List<FakeSerialLink> opened = new ArrayList<>();
        reader = new SerialReader(() -> {
            FakeSerialLink l = new FakeSerialLink("/tmp/mat", time, 200);
            l.failWrites = true;
            opened.add(l);
            if (opened.size() == 5) {
                reader.stop();
            }
            return l;
        }, listener, time, Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
        reader.run();
        long closes = opened.stream().filter(l -> l.closed).count();
        assertThat(closes).as("closes after %d opens", opened.size()).isEqualTo(5);
        assertThat(events).as("never reported as connected").isEmpty();
        assertThat(time.sleptMillis()).as("each failure waits its backoff").containsExactly(100L, 200L, 400L, 800L, 1600L);
    }

    @Test
    void aTextMatIsSentNoProtocolBytesAndItsLinesBecomeFramesOnEachConnection() {
        byte[] lines = "1,2,3,4\n5,6,7,8\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        FakeSerialLink first = new FakeSerialLink("/dev/ttyACM0", time, 200).chunk(lines);
        first.unplugAtEnd = true;
        FakeSerialLink second = new FakeSerialLink("/dev/ttyACM0", time, 200).chunk(lines);
        Deque<FakeSerialLink> opens = new ArrayDeque<>(List.of(first, second));
        stopAfterFrames = 4;
        reader = new SerialReader(opens::poll, listener, time, Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)), new dev.acumat.gateway.input.TextInput(
                        new dev.acumat.gateway.input.TextMat("text-ttyACM0", 2, 2, 25_000, 25_000, 10, false), time));
        reader.run();
        assertThat(frames).extracting(PressureFrame::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(frames.get(3).toArray()).containsExactly(5, 6, 7, 8);
        assertThat(first.written.size()).as("no info request: a text firmware would not understand it").isZero();
        assertThat(second.written.size()).isZero();
    }
}
