package dev.acumat.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path p = dir.resolve("rec.txt");
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void readsAPhysioNetFileAsItIs() throws IOException {
        Path pmd = Path.of("src/test/resources/pmd/S1-1-line3.txt");
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
}
