package dev.acumat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.contract.Posture;
import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.InfoRequest;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.time.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class MatSimulatorTest {
    private final ManualTime time = new ManualTime();
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final MemoryLink link = new MemoryLink(wire);

    /** N frames of 4 x 3 whose first cell is the frame index; random dense values when {@code noisy}. */
    static class CountingSource implements FrameSource {
        final int n;
        final boolean noisy;
        int i;
        CountDownLatch reached;
        CountDownLatch proceed;
        int blockAt = -1;

        CountingSource(int n, boolean noisy) {
            this.n = n;
            this.noisy = noisy;
        }

        @Override
        public DeviceInfo deviceInfo(String matId) {
            return new DeviceInfo(matId, 0, 1, 0, noisy ? 32 : 4, noisy ? 20 : 3, 22_000, 22_000, 12, 0, 0, List.of());
        }

        @Override
        public boolean next(int[] values) {
            if (i == blockAt) {
                reached.countDown();
                try {
                    proceed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (i >= n) {
                return false;
            }
            SplittableRandom rnd = new SplittableRandom(i);
            for (int c = 0; c < values.length; c++) {
                values[c] = noisy ? 1 + rnd.nextInt(4095) : 0;
            }
            values[0] = i++;
            return true;
        }

        @Override
        public FrameTruth truth() {
            return new FrameTruth(true, Posture.SUPINE, false, "test");
        }

        @Override
        public void rewind() {
            i = 0;
        }
    }

    private List<Message> decoded() {
        List<Message> out = new ArrayList<>();
        new StreamDecoder().feed(wire.toByteArray(), new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                out.add(message);
            }

            @Override
            public void onError(DecodeError error) {
                throw new AssertionError("simulator wrote a bad message: " + error);
            }
        });
        return out;
    }

    private static List<PressureFrame> frames(List<Message> messages) {
        return messages.stream().filter(m -> m instanceof PressureFrame).map(m -> (PressureFrame) m).toList();
    }

    private MatSimulator simulator(FrameSource source, MatSimulator.Options options) {
        return new MatSimulator(source, options, () -> link, time, null);
    }

    @Test
    void writesDeviceInfoThenEveryFrameNumberedAndTimedAtTheFrameRate() throws Exception {
        long start = time.nanoTime();
        MatSimulator.Result r = simulator(new CountingSource(120, false),
                new MatSimulator.Options("mat-a", 10, 1, 0, false, true)).run();
        List<Message> msgs = decoded();
        assertThat(msgs.get(0)).isInstanceOf(DeviceInfo.class);
        assertThat(((DeviceInfo) msgs.get(0)).matId()).isEqualTo("mat-a");
        List<PressureFrame> frames = frames(msgs);
        assertThat(frames).hasSize(120);
        for (int i = 0; i < 120; i++) {
            assertThat(frames.get(i).sequence()).isEqualTo(i);
            assertThat(frames.get(i).deviceTimeMicros()).isEqualTo(i * 100_000L);
            assertThat(frames.get(i).valueAt(0)).isEqualTo(i);
        }
        assertThat(time.nanoTime() - start).isEqualTo(119 * 100_000_000L);
        assertThat(r.framesSent()).isEqualTo(120);
        assertThat(r.bytesWritten()).isEqualTo(wire.size());
    }

    @Test
    void repeatsTheDeviceInfoEveryFiveSecondsOfDeviceTime() throws Exception {
        simulator(new CountingSource(120, false), new MatSimulator.Options("mat-a", 10, 1, 0, false, true)).run();
        List<Message> msgs = decoded();
        List<Integer> infoPositions = new ArrayList<>();
        for (int i = 0; i < msgs.size(); i++) {
            if (msgs.get(i) instanceof DeviceInfo) {
                infoPositions.add(i);
            }
        }
        // Before frame 0, before frame 50 and before frame 100 (each info shifts the later positions by one).
        assertThat(infoPositions).containsExactly(0, 51, 102);
    }

    @Test
    void belowOneFrameInFiveSecondsEveryFrameCarriesTheDeviceInfo() throws Exception {
        simulator(new CountingSource(3, false), new MatSimulator.Options("m", 0.1, 0, 0, false, true)).run();
        assertThat(decoded()).extracting(m -> m.getClass().getSimpleName()).containsExactly(
                "DeviceInfo", "PressureFrame", "DeviceInfo", "PressureFrame", "DeviceInfo", "PressureFrame");
    }

    @Test
    void speedScalesThePaceAndZeroMeansAsFastAsPossible() throws Exception {
        long start = time.nanoTime();
        simulator(new CountingSource(11, false), new MatSimulator.Options("m", 10, 4, 0, false, true)).run();
        assertThat(time.nanoTime() - start).isEqualTo(250_000_000L);
        long again = time.nanoTime();
        new MatSimulator(new CountingSource(11, false), new MatSimulator.Options("m", 10, 0, 0, false, true),
                () -> new MemoryLink(wire), time, null).run();
        assertThat(time.nanoTime()).isEqualTo(again);
    }

    @Test
    void aSlowWireSkipsFramesButSpendsTheirSequenceNumbers() throws Exception {
        long start = time.nanoTime();
        MatSimulator.Result r = simulator(new CountingSource(100, true),
                new MatSimulator.Options("m", 25, 1, 115_200, false, true)).run();
        List<PressureFrame> frames = frames(decoded());
        assertThat(r.framesSent() + r.framesSkipped()).isEqualTo(100);
        assertThat(r.framesSkipped()).isPositive();
        assertThat(frames).hasSize((int) r.framesSent());
        assertThat(frames.get(1).sequence() - frames.get(0).sequence()).isGreaterThan(1);
        double seconds = (time.nanoTime() - start) / 1e9 + 1.0 / 25;
        assertThat((long) wire.size()).isLessThanOrEqualTo((long) (115_200 / 10 * seconds) + 2000);
    }

    @Test
    void survivesAPulledPortAndAnnouncesItselfAgainAfterReopening() throws Exception {
        link.failAfterWrites = 20;
        List<MemoryLink> opened = new ArrayList<>();
        PortLink.Opener opener = () -> {
            if (opened.isEmpty()) {
                opened.add(link);
                return link;
            }
            if (opened.size() < 3) {
                opened.add(null);
                throw new IOException("No such file or directory");
            }
            MemoryLink again = new MemoryLink(wire);
            opened.add(again);
            return again;
        };
        MatSimulator.Result r = new MatSimulator(new CountingSource(200, false),
                new MatSimulator.Options("m", 10, 1, 0, false, true), opener, time, null).run();
        List<Message> msgs = decoded();
        List<PressureFrame> frames = frames(msgs);
        assertThat(r.reopens()).isEqualTo(1);
        assertThat(r.framesLost()).isPositive();
        assertThat(r.framesSent() + r.framesLost()).isEqualTo(200);
        assertThat(frames.get(frames.size() - 1).sequence()).isEqualTo(199);
        int gapAt = 0;
        while (frames.get(gapAt + 1).sequence() == frames.get(gapAt).sequence() + 1) {
            gapAt++;
        }
        int afterGap = msgs.indexOf(frames.get(gapAt + 1));
        assertThat(msgs.get(afterGap - 1)).as("device info right after the reopen").isInstanceOf(DeviceInfo.class);
    }

    @Test
    void aClosedStandardOutputEndsTheRun() {
        link.failAfterWrites = 5;
        MatSimulator sim = new MatSimulator(new CountingSource(100, false),
                new MatSimulator.Options("m", 10, 0, 0, false, false), () -> link, time, null);
        assertThatThrownBy(sim::run).isInstanceOf(MatSimulator.PortClosedException.class)
                .hasMessage("the output closed after 4 frames");
    }

    @Test
    void loopsWithAContinuingSequence() throws Exception {
        CountingSource src = new CountingSource(5, false) {
            int plays;

            @Override
            public void rewind() {
                super.rewind();
                plays++;
                if (plays == 3) {
                    i = n;  // the third rewind leaves nothing, which ends the run
                }
            }
        };
        simulator(src, new MatSimulator.Options("m", 10, 0, 0, true, true)).run();
        List<PressureFrame> frames = frames(decoded());
        assertThat(frames).hasSize(15);
        assertThat(frames.get(14).sequence()).isEqualTo(14);
        assertThat(frames.get(5).valueAt(0)).isZero();
    }

    @Test
    void recordsTruthForEveryFrame() throws Exception {
        List<Long> recorded = new ArrayList<>();
        new MatSimulator(new CountingSource(7, false), new MatSimulator.Options("m", 10, 0, 0, false, true), () -> link,
                time, (frame, at, truth) -> recorded.add(frame)).run();
        assertThat(recorded).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void answersAnInfoRequestFromTheHost() throws Exception {
        CountingSource src = new CountingSource(10, false);
        src.blockAt = 2;
        src.reached = new CountDownLatch(1);
        src.proceed = new CountDownLatch(1);
        MatSimulator sim = simulator(src, new MatSimulator.Options("m", 10, 0, 0, false, true));
        Thread runner = new Thread(() -> {
            try {
                sim.run();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        runner.start();
        assertThat(src.reached.await(10, TimeUnit.SECONDS)).isTrue();
        link.fromHost.add(new byte[] {0x13, 0x37, 0});  // garbage first: ignored
        link.fromHost.add(WireEncoder.encode(InfoRequest.INSTANCE));
        waitFor(() -> countInfos() == 2);
        src.proceed.countDown();
        runner.join(10_000);
        assertThat(countInfos()).isEqualTo(2);
    }

    private long countInfos() {
        synchronized (link) {
            return decoded().stream().filter(m -> m instanceof DeviceInfo).count();
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            synchronized (monitor) {
                monitor.wait(5);
            }
        }
    }
}
