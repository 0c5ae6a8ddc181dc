package dev.acumat.gateway.spool;

import static dev.acumat.gateway.spool.SpoolTesting.appendNumbered;
import static dev.acumat.gateway.spool.SpoolTesting.config;
import static dev.acumat.gateway.spool.SpoolTesting.readAll;
import static dev.acumat.gateway.spool.SpoolTesting.segmentFiles;
import static dev.acumat.gateway.spool.SpoolTesting.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.time.ManualTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRecoveryTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(0, 0);
    /** Where each entry of the first segment starts, recorded while appending. */
    private final List<Long> positions = new ArrayList<>();

    private Spool open() throws IOException {
        return Spool.open(dir, config(1 << 20, 1024), time);
    }

    /** Appends {@code n} numbered entries in segments of 1 KiB and closes; returns the bytes of the spool. */
    private long fill(int n) throws IOException {
        try (Spool spool = open()) {
            for (int i = 0; i < n; i++) {
                positions.add(spool.sizeBytes());
                appendNumbered(spool, i);
            }
            return spool.sizeBytes();
        }
    }

    @Test
    void aTornLastEntryIsCutOffAtEveryBytePositionAndAppendsGoOnWithTheRightOffsets() throws IOException {
        fill(10);  // 10 entries, one segment
        Path segment = segmentFiles(dir).get(0);
        byte[] whole = Files.readAllBytes(segment);
        long lastStart = positions.get(9);
        for (int cut = (int) lastStart; cut < whole.length; cut++) {
            Files.write(segment, Arrays.copyOf(whole, cut));
            try (Spool spool = open()) {
                assertThat(spool.recovery().truncatedBytes()).as("cut at %d", cut).isEqualTo(cut - lastStart);
                assertThat(spool.nextOffset()).isEqualTo(9);
                assertThat(Files.size(segment)).isEqualTo(lastStart);
                assertThat(appendNumbered(spool, 9).offset()).isEqualTo(9);
                assertThat(appendNumbered(spool, 10).offset()).isEqualTo(10);
            }
            try (Spool spool = open()) {
                assertThat(spool.recovery().truncatedBytes()).isZero();
                assertThat(readAll(spool, 0)).extracting(SpoolEntry::value)
                        .containsExactlyElementsOf(SpoolRoundTripTest.range(0, 11).stream().map(SpoolTesting::value).toList());
            }
        }
    }

    @Test
    void garbageOrZerosAfterTheLastEntryAreCutOff() throws IOException {
        long size = fill(40);  // several segments
        Path last = segmentFiles(dir).get(segmentFiles(dir).size() - 1);
        long lastSize = Files.size(last);
        byte[] random = new byte[333];
        new SplittableRandom(1).nextBytes(random);
        byte[] plausible = ByteBuffer.allocate(12).putInt(200).putInt(0x1234).putInt(7).array();  // length fits, body short
        for (byte[] junk : List.of(random, new byte[4096], plausible, new byte[] {0})) {
            try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(junk));
            }
            try (Spool spool = open()) {
                assertThat(spool.recovery().truncatedBytes()).isEqualTo(junk.length);
                assertThat(spool.sizeBytes()).isEqualTo(size);
                assertThat(spool.nextOffset()).isEqualTo(40);
            }
            assertThat(Files.size(last)).isEqualTo(lastSize);
        }
    }

    @Test
    void aLastEntryThatFailsItsCrcIsCutOffAndCounted() throws IOException {
        fill(10);
        Path segment = segmentFiles(dir).get(0);
        long whole = Files.size(segment);
        flip(segment, positions.get(9) + 30);
        try (Spool spool = open()) {
            assertThat(spool.recovery().truncatedBytes()).isEqualTo(whole - positions.get(9));
            assertThat(spool.nextOffset()).isEqualTo(9);
            assertThat(readAll(spool, 0)).hasSize(9);
        }
    }

    @Test
    void aDamagedByteInsideAnOlderSegmentIsReportedWithItsFileAndPosition() throws IOException {
        fill(60);
        Path first = segmentFiles(dir).get(0);
        byte[] intact = Files.readAllBytes(first);
        long start = positions.get(3);
        long end = positions.get(4);
        for (long at = start; at < end; at++) {  // every byte of entry 3, its length and CRC included
            Files.write(first, intact);
            flip(first, at);
            assertThatThrownBy(this::open).as("byte %d flipped", at)
                    .isInstanceOfSatisfying(SpoolCorruptedException.class, e -> {
                        assertThat(e.file()).isEqualTo(first);
                        assertThat(e.position()).isEqualTo(start);
                    })
                    .hasMessageContaining(first.toString()).hasMessageContaining("at byte " + start);
        }
        Files.write(first, intact);
        try (Spool spool = open()) {
            assertThat(spool.nextOffset()).isEqualTo(60);
        }
    }

    @Test
    void damageAfterOpeningIsReportedByTheReader() throws IOException {
        fill(60);
        try (Spool spool = open(); Spool.Reader reader = spool.reader(0)) {
            flip(segmentFiles(dir).get(0), positions.get(5) + 50);
            for (int i = 0; i < 5; i++) {
                assertThat(reader.next().value()).isEqualTo(value(i));
            }
            assertThatThrownBy(reader::next).isInstanceOf(SpoolCorruptedException.class)
                    .hasMessageContaining("at byte " + positions.get(5)).hasMessageContaining("CRC");
        }
    }

    @Test
    void aMissingSegmentIsReported() throws IOException {
        fill(60);
        List<Path> files = segmentFiles(dir);
        Files.delete(files.get(1));
        assertThatThrownBy(this::open).isInstanceOf(SpoolCorruptedException.class)
                .hasMessageContaining(files.get(2).getFileName().toString()).hasMessageContaining("missing");
    }

    @Test
    void acknowledgedEntriesLostWithThePowerAreNeverGivenTheirOffsetsAgain() throws IOException {
        fill(20);
        try (Spool spool = open()) {
            spool.acknowledge(17);
        }
        // Power loss under INTERVAL or NEVER: the checkpoint was forced, the tail of the data was not.
        Path last = segmentFiles(dir).get(segmentFiles(dir).size() - 1);
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        try (Spool spool = open()) {
            assertThat(spool.acknowledged()).isEqualTo(17);
            assertThat(spool.nextOffset()).isEqualTo(18);
            assertThat(spool.pendingEntries()).isZero();
            assertThat(appendNumbered(spool, 18).offset()).isEqualTo(18);
            assertThat(readAll(spool, 18)).extracting(SpoolEntry::offset).containsExactly(18L);
        }
    }

    @Test
    void aDamagedCheckpointMeansSendingEverythingKeptAgain() throws IOException {
        fill(20);
        try (Spool spool = open()) {
            spool.acknowledge(10);
        }
        assertThat(Files.readString(dir.resolve(Checkpoint.FILE))).startsWith("acumat-spool-checkpoint 1 acknowledged=10 ");
        Files.writeString(dir.resolve(Checkpoint.FILE), "acumat-spool-checkpoint 1 acknowledged=19 crc32c=00000000\n");
        try (Spool spool = open()) {
            assertThat(spool.recovery().checkpointDiscarded()).isTrue();
            assertThat(spool.acknowledged()).isEqualTo(-1);
            assertThat(spool.pendingEntries()).isEqualTo(20);
        }
    }

    @Test
    void segmentsDeletedAfterTheLastCheckpointCountAsAcknowledged() throws IOException {
        fill(60);
        try (Spool spool = open()) {
            spool.acknowledge(40);
            spool.sync();
        }
        Checkpoint.write(dir, 5, Forcer.DEFAULT);  // as if the process died before persisting 40
        long firstBase = Long.parseLong(segmentFiles(dir).get(0).getFileName().toString().substring(0, 20));
        try (Spool spool = open()) {
            assertThat(firstBase).isGreaterThan(6);
            assertThat(spool.acknowledged()).isEqualTo(firstBase - 1);
            assertThat(readAll(spool, firstBase).get(0).offset()).isEqualTo(firstBase);
        }
    }

    @Test
    void aFreshDirectoryStartsAtZeroAndOtherFilesAreLeftAlone() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("gateway.id"), "x\n");
        Files.writeString(dir.resolve(Checkpoint.TEMP), "half a checkpoint");
        try (Spool spool = open()) {
            assertThat(spool.nextOffset()).isZero();
            assertThat(spool.acknowledged()).isEqualTo(-1);
            assertThat(spool.recovery()).isEqualTo(new RecoveryReport(1, 0, 0, false));
        }
        assertThat(dir.resolve("gateway.id")).hasContent("x");
        assertThat(dir.resolve(Checkpoint.TEMP)).doesNotExist();
    }

    private static void flip(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            ch.write(b, at);
        }
    }
}
