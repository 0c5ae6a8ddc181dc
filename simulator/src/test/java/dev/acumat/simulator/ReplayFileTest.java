package dev.acumat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.protocol.CellOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {
    @TempDir
    Path dir;

    /** One real PhysioNet frame, kept once beside the protocol's vectors (frame_pmd_s1_supine is made from it). */
    private static final Path PMD = Path.of("../firmware-protocol/src/test/resources/pmd/S1-1-line3.txt");

    private Path file(String content) throws IOException {
        Path p = dir.resolve("rec.txt");
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void readsAPhysioNetFileAsItIs() throws IOException {
        Path pmd = PMD;
        ReplayFile.Summary s = ReplayFile.check(pmd, 64, 32);
        assertThat(s.frames()).isEqualTo(1);
        assertThat(s.maxValue()).isBetween(1000, 4095);
        int[] values = new int[2048];
        try (ReplayFile f = ReplayFile.open(pmd, 64, 32)) {
            assertThat(f.next(values)).isTrue();
            assertThat(f.next(values)).isFalse();
        }
    }

    @Test
    void acceptsTabsSpacesCommasTrailingSeparatorsCrlfBlankAndCommentLines() throws IOException {
        Path p = file("# rows=2 cols=2\r\n1\t2\t3\t4\t\r\n\r\n5, 6,7 ,8,\n 9 10 11 12 \n");
        int[] v = new int[4];
        try (ReplayFile f = ReplayFile.open(p, 2, 2)) {
            assertThat(f.next(v)).isTrue();
            assertThat(v).containsExactly(1, 2, 3, 4);
            assertThat(f.next(v)).isTrue();
            assertThat(v).containsExactly(5, 6, 7, 8);
            assertThat(f.next(v)).isTrue();
            assertThat(v).containsExactly(9, 10, 11, 12);
            assertThat(f.next(v)).isFalse();
        }
    }

    @Test
    void anExportsFrameTimesComeWithTheirFrameAndAnythingElseIsAComment() throws IOException {
        Path p = file("#@ 7 40000 1795591995040000\n1 2 3 4\n5 6 7 8\n#@ 9 x 1\n9 10 11 12\n#@ 10 120000 2\n# note\n"
                + "1 1 1 1\n");
        int[] v = new int[4];
        try (ReplayFile f = ReplayFile.open(p, 2, 2)) {
            assertThat(f.next(v)).isTrue();
            assertThat(f.times()).isEqualTo(new ReplayFile.FrameTimes(7, 40_000, 1_795_591_995_040_000L));
            assertThat(f.next(v)).isTrue();
            assertThat(f.times()).as("a frame without its line").isNull();
            assertThat(f.next(v)).isTrue();
            assertThat(f.times()).as("a line that is no frame-times line").isNull();
            assertThat(f.next(v)).isTrue();
            assertThat(f.times()).isEqualTo(new ReplayFile.FrameTimes(10, 120_000, 2));
            assertThat(v).containsExactly(1, 1, 1, 1);
        }
    }

    @Test
    void aRaggedLineIsNamedWithItsLineNumber() throws IOException {
        Path p = file("1 2 3 4\n1 2 3\n");
        assertThatThrownBy(() -> ReplayFile.check(p, 2, 2)).isInstanceOf(ReplayFormatException.class)
                .hasMessage(p + " line 2: 3 values, rows x cols needs 4");
    }

    @Test
    void tooManyValuesAndNonNumbersAreRejected() throws IOException {
        Path many = file("1 2 3 4 5\n");
        assertThatThrownBy(() -> ReplayFile.check(many, 2, 2)).hasMessageEndingWith("line 1: more than the 4 values of rows x cols");
        Path text = file("1 2 x3 4\n");
        assertThatThrownBy(() -> ReplayFile.check(text, 2, 2)).hasMessageEndingWith("line 1: 'x3' is not a value in 0..65535");
        Path big = file("1 2 65536 4\n");
        assertThatThrownBy(() -> ReplayFile.check(big, 2, 2)).hasMessageEndingWith("'65536' is not a value in 0..65535");
        Path negative = file("1 -2 3 4\n");
        assertThatThrownBy(() -> ReplayFile.check(negative, 2, 2)).hasMessageContaining("'-2'");
    }

    @Test
    void anEmptyRecordingIsAnError() throws IOException {
        Path p = file("# nothing\n\n");
        assertThatThrownBy(() -> ReplayFile.check(p, 2, 2)).hasMessageEndingWith(": no frames");
    }

    @Test
    void aReplaySourceDescribesItsRecordingAndRewinds() throws IOException {
        Path p = file("1 2 3 4\n5 6 7 5000\n");
        try (ReplayFrameSource src = new ReplayFrameSource(p, 2, 2, 28, 1)) {
            assertThat(src.frames()).isEqualTo(2);
            assertThat(src.deviceInfo("bed").adcBits()).isEqualTo(16);
            assertThat(src.deviceInfo("bed").colPitchUm()).isEqualTo(28_000);
            assertThat(src.deviceInfo("bed").frameIntervalUs()).isEqualTo(1_000_000);
            assertThat(src.truth()).isNull();
            int[] v = new int[4];
            assertThat(src.next(v) && src.next(v) && !src.next(v)).isTrue();
            src.rewind();
            assertThat(src.next(v)).isTrue();
            assertThat(v).containsExactly(1, 2, 3, 4);
        }
    }

    private Path gzip(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }

    private static int[] all(ReplayFile f, int cells) {
        java.util.List<Integer> values = new java.util.ArrayList<>();
        int[] v = new int[cells];
        while (f.next(v)) {
            for (int x : v) {
                values.add(x);
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aGzipFileReadsTransparentlyWhateverItsName() throws IOException {
        Path p = gzip("rec.txt", "# gzip\n1 2 3 4\n5 6 7 8\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(ReplayFile.check(p, 2, 2)).isEqualTo(new ReplayFile.Summary(2, 8));
        try (ReplayFile f = ReplayFile.open(p, 2, 2)) {
            assertThat(all(f, 4)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        }
    }

    @Test
    void aFrameWrittenAsAMatrixReadsLikeAFrameOnALine() throws IOException {
        // The PhysioNet PMD experiment II layout: one frame as rows lines of cols values.
        Path one = file("1 2 3\n4 5 6\n");
        try (ReplayFile f = ReplayFile.open(one, 2, 3)) {
            assertThat(all(f, 6)).containsExactly(1, 2, 3, 4, 5, 6);
        }
        Path several = file("# three frames\r\n1 2 3\r\n4 5 6\r\n\r\n7 8 9\n10 11 12\n13,14,15\n16 17 18 \n\n\n");
        assertThat(ReplayFile.check(several, 2, 3)).isEqualTo(new ReplayFile.Summary(3, 18));
        try (ReplayFile f = ReplayFile.open(several, 2, 3)) {
            assertThat(all(f, 6)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
        }
    }

    @Test
    void oneRowIsTheLineLayoutAndAMatrixMustBeWhole() throws IOException {
        Path row = file("1 2 3\n4 5 6\n");
        assertThat(ReplayFile.check(row, 1, 3).frames()).isEqualTo(2);
        Path ragged = file("1 2 3\n4 5\n");
        assertThatThrownBy(() -> ReplayFile.check(ragged, 2, 3))
                .hasMessage(ragged + " line 2: 2 values, a frame written as 2 lines needs cols, 3, on each");
        Path cut = file("1 2 3\n4 5 6\n7 8 9\n");
        assertThatThrownBy(() -> ReplayFile.check(cut, 2, 3))
                .hasMessage(cut + " line 3: the file ends in the middle of a frame written as 2 lines (after 1 of them)");
        Path wide = file("1 2 3\n4 5 6 7\n");
        assertThatThrownBy(() -> ReplayFile.check(wide, 2, 3)).hasMessageContaining("line 2: more than the 3 values of cols");
        Path neither = file("1 2 3 4\n");
        assertThatThrownBy(() -> ReplayFile.check(neither, 2, 3))
                .hasMessage(neither + " line 1: 4 values, rows x cols needs 6 (or cols, 3, on each of 2 lines)");
    }

    @Test
    void aCellOrderGivesCanonicalFramesAndGeometry() throws IOException {
        Path p = file("1 2\n3 4\n5 6\n");  // one 3 x 2 frame as a matrix
        try (ReplayFile f = ReplayFile.open(p, 3, 2, CellOrder.parse("transpose"))) {
            assertThat(f.rows()).isEqualTo(2);
            assertThat(f.cols()).isEqualTo(3);
            assertThat(all(f, 6)).containsExactly(1, 3, 5, 2, 4, 6);
        }
        try (ReplayFile f = ReplayFile.open(p, 3, 2, CellOrder.parse("flip-rows"))) {
            assertThat(all(f, 6)).containsExactly(5, 6, 3, 4, 1, 2);
        }
        assertThat(ReplayFile.check(p, 3, 2, CellOrder.parse("flip-cols")).maxValue()).isEqualTo(6);
    }

    @Test
    void thePhysioNetFileReadWithFlippedColumnsIsItsMirrorImage() throws IOException {
        Path pmd = PMD;
        int[] plain = new int[2048];
        int[] flipped = new int[2048];
        try (ReplayFile a = ReplayFile.open(pmd, 64, 32); ReplayFile b = ReplayFile.open(pmd, 64, 32,
                CellOrder.parse("flip-cols"))) {
            assertThat(a.next(plain) && b.next(flipped)).isTrue();
        }
        for (int r = 0; r < 64; r++) {
            for (int c = 0; c < 32; c++) {
                assertThat(flipped[r * 32 + c]).isEqualTo(plain[r * 32 + 31 - c]);
            }
        }
    }

    @Test
    void aBinaryFileIsNotATextRecording() throws IOException {
        Path png = dir.resolve("picture.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        assertThatThrownBy(() -> ReplayFile.check(png, 64, 32)).isInstanceOf(ReplayFormatException.class)
                .hasMessageStartingWith(png + ": not a text recording (byte 0x89 on line 1)");
        Path zip = dir.resolve("rec.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        assertThatThrownBy(() -> ReplayFile.check(zip, 2, 2)).hasMessageStartingWith(zip + ": not a text recording");
        Path late = dir.resolve("late.txt");
        Files.write(late, "1 2 3 4\n5 6\0 7 8\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> ReplayFile.check(late, 2, 2)).hasMessageStartingWith(late
                + ": not a text recording (byte 0x00 on line 2)");
        Path comment = dir.resolve("comment.txt");
        Files.write(comment, "# \u00e9t\u00e9 \u2013 fine\n1 2 3 4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ReplayFile.check(comment, 2, 2).frames()).as("UTF-8 in a comment is text").isEqualTo(1);
    }

    @Test
    void gzipWithBinaryInsideOrDamagedIsSaidSo() throws IOException {
        Path inside = gzip("blob.gz", new byte[] {0, 1, 2, 3, (byte) 0xff});
        assertThatThrownBy(() -> ReplayFile.check(inside, 2, 2))
                .hasMessageStartingWith(inside + ": gzip-compressed, but not a text recording inside");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("1 2 3 4\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        }
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        assertThatThrownBy(() -> ReplayFile.check(cut, 2, 2)).isInstanceOf(ReplayFormatException.class)
                .hasMessageStartingWith(cut + ": damaged gzip data");
    }

    @Test
    void aDirectoryIsADirectory() {
        assertThatThrownBy(() -> ReplayFile.check(dir, 2, 2)).isInstanceOf(FileSystemException.class)
                .hasMessage(dir + ": is a directory");
        assertThatThrownBy(() -> ReplayHeader.read(dir)).hasMessage(dir + ": is a directory");
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        Path p = dir.resolve("bom.txt");
        Files.write(p, "\ufeff1 2 3 4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ReplayFile.check(p, 2, 2).frames()).isEqualTo(1);
    }

    @Test
    void aReplaySourceSendsCanonicalFramesAndGeometry() throws IOException {
        Path p = file("1 2 3 4 5 6\n");
        try (ReplayFrameSource src = new ReplayFrameSource(p, 3, 2, 28, 1, CellOrder.parse("transpose,flip-rows"))) {
            assertThat(src.deviceInfo("bed").rows()).isEqualTo(2);
            assertThat(src.deviceInfo("bed").cols()).isEqualTo(3);
            int[] v = new int[6];
            assertThat(src.next(v)).isTrue();
            assertThat(v).containsExactly(2, 4, 6, 1, 3, 5);
            src.rewind();
            assertThat(src.next(v)).isTrue();
            assertThat(v).containsExactly(2, 4, 6, 1, 3, 5);
        }
    }

    /** A pipe's view of some bytes: a few at a time, no mark, no skipping back. */
    private static java.io.InputStream trickle(byte[] bytes) {
        return new java.io.InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 3), bytes.length - pos);
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    @Test
    void aStreamIsReadOnceAsItComesPlainOrGzip() throws IOException {
        String text = "# from a pipe\n1,2,3,4,5,6\r\n7 8 9 10 11 12\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] bytes : new byte[][] {text.getBytes(StandardCharsets.US_ASCII), gz.toByteArray()}) {
            try (ReplayFrameSource src = ReplayFrameSource.stream(trickle(bytes), "standard input", 2, 3, 20, 20, 1,
                    CellOrder.NONE)) {
                int[] v = new int[6];
                assertThat(src.streamed()).isTrue();
                assertThat(src.frames()).isEqualTo(-1);
                assertThat(src.deviceInfo("m").adcBits()).isEqualTo(16);
                assertThat(src.next(v)).isTrue();
                assertThat(v).containsExactly(1, 2, 3, 4, 5, 6);
                assertThat(src.next(v)).isTrue();
                assertThat(v).containsExactly(7, 8, 9, 10, 11, 12);
                assertThat(src.next(v)).isFalse();
                src.rewind();
                assertThat(src.next(v)).as("a stream is not played again").isFalse();
            }
        }
    }

    @Test
    void aBadLineOfAStreamIsNamedWhenReached() throws IOException {
        byte[] bytes = "1,2,3,4,5,6\n1,2,3\n".getBytes(StandardCharsets.US_ASCII);
        try (ReplayFile f = ReplayFile.stream(trickle(bytes), "standard input", 2, 3, CellOrder.NONE)) {
            int[] v = new int[6];
            assertThat(f.next(v)).isTrue();
            assertThatThrownBy(() -> f.next(v)).isInstanceOf(ReplayFormatException.class)
                    .hasMessage("standard input line 2: 3 values, rows x cols needs 6");
        }
    }
}
