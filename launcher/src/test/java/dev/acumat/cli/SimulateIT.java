package dev.acumat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.protocol.DecodeError;
import dev.acumat.protocol.DecodeListener;
import dev.acumat.protocol.DeviceInfo;
import dev.acumat.protocol.InfoRequest;
import dev.acumat.protocol.Message;
import dev.acumat.protocol.PressureFrame;
import dev.acumat.protocol.StreamDecoder;
import dev.acumat.protocol.WireEncoder;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.synthetic.Scenarios;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator as users run it: the real launcher jar in its own process, writing to stdout or a real tty. */
class SimulateIT {
    @TempDir
    Path dir;

    private Processes processes;

    @BeforeEach
    void setUp() {
        processes = new Processes(dir);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        processes.close();
    }

    /** Decodes a whole byte stream, failing on any protocol error. */
    private static List<Message> decode(byte[] bytes) {
        List<Message> out = new ArrayList<>();
        new StreamDecoder().feed(bytes, new DecodeListener() {
            @Override
            public void onMessage(Message message) {
                out.add(message);
            }

            @Override
            public void onError(DecodeError error) {
                throw new AssertionError("bad bytes from the simulator: " + error);
            }
        });
        return out;
    }

    private static List<PressureFrame> frames(List<Message> messages) {
        return messages.stream().filter(PressureFrame.class::isInstance).map(PressureFrame.class::cast).toList();
    }

    private byte[] runToEnd(String... args) throws Exception {
        Process p = processes.acumat(args);
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("acumat simulate: sent ");
        return out;
    }

    @Test
    void standardOutputCarriesExactlyTheFramesOfTheScenario() throws Exception {
        byte[] out = runToEnd("simulate", "--port", "-", "--scenario", "roll", "--speed", "0", "--seed", "7",
                "--mat-id", "mat-it");
        assertThat(out[0]).as("start-up delimiter").isZero();
        List<Message> messages = decode(out);
        assertThat(messages.get(0)).isInstanceOf(DeviceInfo.class);
        assertThat(((DeviceInfo) messages.get(0)).matId()).isEqualTo("mat-it");
        List<PressureFrame> frames = frames(messages);

        try (FrameSource expected = Scenarios.create("roll", 25, 7)) {
            int[] values = new int[frames.get(0).cells()];
            int i = 0;
            while (expected.next(values)) {
                PressureFrame f = frames.get(i);
                assertThat(f.sequence()).isEqualTo(i);
                assertThat(f.deviceTimeMicros()).isEqualTo(i * 40_000L);
                assertThat(f.toArray()).as("frame %d", i).isEqualTo(values);
                i++;
            }
            assertThat(frames).hasSize(i);
            assertThat(i).isGreaterThan(100);
        }
    }

    @Test
    void standardOutputReplaysARecordingExactly() throws Exception {
        Path pmd = Path.of("../firmware-protocol/src/test/resources/pmd/S1-1-line3.txt");
        String line = Files.readString(pmd, StandardCharsets.US_ASCII);
        Path rec = dir.resolve("rec.txt");
        Files.writeString(rec, line + line.replace("\t0\t", "\t7\t") + line, StandardCharsets.US_ASCII);
        byte[] out = runToEnd("simulate", "--port", "-", "--replay", rec.toString(), "--rows", "64", "--cols", "32",
                "--pitch-mm", "28", "--hz", "50");
        List<Message> messages = decode(out);
        DeviceInfo info = (DeviceInfo) messages.get(0);
        assertThat(info.rows()).isEqualTo(64);
        assertThat(info.colPitchUm()).isEqualTo(28_000);
        assertThat(info.isCalibrated()).isFalse();
        List<PressureFrame> frames = frames(messages);
        assertThat(frames).hasSize(3);
        String[] lines = Files.readString(rec, StandardCharsets.US_ASCII).split("\r\n");
        for (int i = 0; i < 3; i++) {
            int[] want = java.util.Arrays.stream(lines[i].strip().split("\t")).mapToInt(Integer::parseInt).toArray();
            assertThat(frames.get(i).toArray()).isEqualTo(want);
            assertThat(frames.get(i).deviceTimeMicros()).isEqualTo(i * 20_000L);
        }
    }

    /** Frames of a 2 x 3 mat written as text lines, for the streamed replays. */
    private static final String STREAMED = "# a stream\n1,2,3,4,5,6\n7 8 9 10 11 12\r\n13\t14\t15\t16\t17\t18\n";

    private static void expectStreamed(byte[] out) {
        List<PressureFrame> frames = frames(decode(out));
        assertThat(frames).extracting(PressureFrame::sequence).containsExactly(0L, 1L, 2L);
        assertThat(frames.get(2).toArray()).containsExactly(13, 14, 15, 16, 17, 18);
    }

    /** The simulator ends by itself, without an error, having written the streamed recording's frames. */
    private static void expectStreamedFrom(Process p) throws Exception {
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        expectStreamed(out);
    }

    @Test
    void aRecordingOnStandardInputIsReplayedAsItComes() throws Exception {
        Process p = processes.acumat("simulate", "--port", "-", "--replay", "-", "--rows", "2", "--cols", "3",
                "--pitch-mm", "20", "--speed", "0");
        try (java.io.OutputStream in = p.getOutputStream()) {
            in.write(STREAMED.getBytes(StandardCharsets.US_ASCII));
        }
        expectStreamedFrom(p);
    }

    @Test
    void aRecordingFromAFifoIsReplayedAndNotLooped() throws Exception {
        Path fifo = dir.resolve("mat.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        Process refused = processes.acumat("simulate", "--port", "-", "--replay", fifo.toString(), "--rows", "2",
                "--cols", "3", "--pitch-mm", "20", "--loop");
        String why = new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isNotZero();
        assertThat(why).contains("--loop needs a recording in a file: a stream (standard input, a FIFO) plays once");

        Process p = processes.acumat("simulate", "--port", "-", "--replay", fifo.toString(), "--rows", "2", "--cols",
                "3", "--pitch-mm", "20", "--speed", "0");
        // Opening a FIFO to write waits for its reader: the simulator.
        try (java.io.OutputStream w = Files.newOutputStream(fifo)) {
            w.write(STREAMED.getBytes(StandardCharsets.US_ASCII));
        }
        expectStreamedFrom(p);
    }

    @Test
    void standardOutputSendsARecordingOfAnotherCellOrderInAcumatsOrder() throws Exception {
        // The PMD frame written turned (32 rows of 64 values, one line each), gzip-compressed.
        Path pmd = Path.of("../firmware-protocol/src/test/resources/pmd/S1-1-line3.txt");
        int[] frame = java.util.Arrays.stream(Files.readString(pmd, StandardCharsets.US_ASCII).strip().split("\t"))
                .mapToInt(Integer::parseInt).toArray();
        int[] turned = new int[frame.length];
        dev.acumat.protocol.CellOrder.parse("transpose").inverse().apply(frame, 64, 32, turned);
        Path rec = dir.resolve("turned.txt");
        try (java.io.Writer w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(rec)), StandardCharsets.US_ASCII)) {
            for (int r = 0; r < 32; r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < 64; c++) {
                    line.append(c > 0 ? " " : "").append(turned[r * 64 + c]);
                }
                w.write(line.append('\n').toString());
            }
        }
        byte[] out = runToEnd("simulate", "--port", "-", "--replay", rec.toString(), "--rows", "32", "--cols", "64",
                "--pitch-mm", "28", "--hz", "50", "--transpose");
        List<Message> messages = decode(out);
        DeviceInfo info = (DeviceInfo) messages.get(0);
        assertThat(info.rows()).isEqualTo(64);
        assertThat(info.cols()).isEqualTo(32);
        List<PressureFrame> frames = frames(messages);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).rows()).isEqualTo(64);
        assertThat(frames.get(0).toArray()).isEqualTo(frame);
    }

    /** Reads one end of a pty pair on its own thread, decoding as it goes. */
    private static final class TtyReader implements AutoCloseable {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final InputStream in;
        final Thread thread;

        TtyReader(Path tty) throws IOException {
            in = new FileInputStream(tty.toFile());
            StreamDecoder decoder = new StreamDecoder();
            DecodeListener listener = new DecodeListener() {
                @Override
                public void onMessage(Message message) {
                    messages.add(message);
                }

                @Override
                public void onError(DecodeError error) {
                    messages.add(InfoRequest.INSTANCE);  // a marker no simulator sends: fails the checks below
                }
            };
            thread = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        decoder.feed(buf, 0, n, listener);
                    }
                } catch (IOException e) {
                    // The pty went away: the reader's job is done.
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        List<PressureFrame> frames() {
            return SimulateIT.frames(messages);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @Test
    void aRealTtyCarriesFramesAnswersInfoRequestsAndSurvivesAReplug() throws Exception {
        Path mat = dir.resolve("mat");
        Path host = dir.resolve("host");
        Process socat = processes.ptyPair(mat, host);
        TtyReader reader = new TtyReader(host);
        Process sim = processes.acumat("simulate", "--port", mat.toString(), "--scenario", "still", "--loop");

        Processes.waitFor("frames on the tty", () -> reader.frames().size() >= 5);
        assertThat(reader.messages.get(0)).isInstanceOf(DeviceInfo.class);
        assertThat(reader.messages).doesNotContain(InfoRequest.INSTANCE);

        try (FileOutputStream toMat = new FileOutputStream(host.toFile())) {
            toMat.write(WireEncoder.DELIMITER);  // a host delimits before its first request, as a device does
            toMat.write(WireEncoder.encode(InfoRequest.INSTANCE));
        }
        Processes.waitFor("the answer to the info request",
                () -> reader.messages.stream().filter(DeviceInfo.class::isInstance).count() >= 2);
        int answer = reader.messages.lastIndexOf(reader.messages.stream().filter(DeviceInfo.class::isInstance)
                .skip(1).findFirst().orElseThrow());
        long seqBefore = ((PressureFrame) reader.messages.get(answer - 1)).sequence();
        assertThat(seqBefore).as("answered at once, not with the 5-second repeat").isLessThan(100);

        // Pull the cable: the pty pair disappears, then comes back under the same names.
        Processes.stop(socat);
        reader.thread.join(10_000);
        reader.close();
        long lastBefore = reader.frames().get(reader.frames().size() - 1).sequence();
        Files.deleteIfExists(mat);
        Files.deleteIfExists(host);
        processes.ptyPair(mat, host);
        TtyReader after = new TtyReader(host);
        Processes.waitFor("frames after the replug", () -> after.frames().size() >= 5);
        assertThat(after.frames().get(0).sequence()).isGreaterThan(lastBefore + 1);
        assertThat(after.messages).doesNotContain(InfoRequest.INSTANCE);
        assertThat(sim.isAlive()).isTrue();
        after.close();
    }
}
