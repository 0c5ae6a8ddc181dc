package dev.acumat.gateway.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLineDecoderTest {
    private final List<String> got = new ArrayList<>();
    private final TextLineDecoder.Sink sink = new TextLineDecoder.Sink() {
        @Override
        public void onValues(int[] values, int count) {
            got.add(Arrays.toString(Arrays.copyOf(values, Math.min(count, values.length))) + " n=" + count);
        }

        @Override
        public void onOther(TextLineDecoder.Kind kind, String detail) {
            got.add(kind + ": " + detail);
        }
    };

    private List<String> decode(TextLineDecoder d, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        d.feed(b, 0, b.length, sink);
        return got;
    }

    @Test
    void anySeparatorAndLineEndReadsTheSameValues() {
        TextLineDecoder d = new TextLineDecoder(4, 1024);
        decode(d, "1,2,3,4\n1;2;3;4\r\n1\t2\t3\t4\r1 2  3   4\n  1, 2 ,3 ;4 ,\n");
        assertThat(got).containsOnly("[1, 2, 3, 4] n=4").hasSize(5);
    }

    @Test
    void blankLinesCommentsAndAHeaderOfNamesAreSkippedAsSuch() {
        TextLineDecoder d = new TextLineDecoder(2, 1024);
        decode(d, "\n\r\n   \n# mat v2\nr0c0,r0c1\n\"a\";\"b\"\n5,6\n");
        assertThat(got).containsExactly("HEADER: a comment", "HEADER: a line of names", "HEADER: a line of names",
                "[5, 6] n=2");
    }

    @Test
    void fieldsThatAreNoWholeNumberMakeTheLineNoRowOfValues() {
        TextLineDecoder d = new TextLineDecoder(3, 1024);
        decode(d, "1,2.5,3\nFrame: 1,2,3\n1,2,x\n+4,-5,6\n1,,2\n");
        assertThat(got).containsExactly("NOT_A_NUMBER: '2.5' is not a whole number",
                "NOT_A_NUMBER: 'Frame:' is not a whole number", "NOT_A_NUMBER: 'x' is not a whole number",
                "[4, -5, 6] n=3", "[1, 2] n=2");
    }

    @Test
    void countsValuesBeyondTheCapacityAndClampsHugeOnes() {
        TextLineDecoder d = new TextLineDecoder(2, 1024);
        decode(d, "1,2,3,4,5\n99999999999999\n");
        assertThat(got).containsExactly("[1, 2] n=5", "[1000000000] n=1");
    }

    @Test
    void aLineSplitAnywhereAcrossReadsIsOneLine() {
        TextLineDecoder d = new TextLineDecoder(3, 1024);
        byte[] b = "10,20,30\r\n40,50,60\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte x : b) {
            d.feed(new byte[] {x}, 0, 1, sink);
        }
        assertThat(got).containsExactly("[10, 20, 30] n=3", "[40, 50, 60] n=3");
    }

    @Test
    void bytesThatAreNoTextAreNamed() {
        TextLineDecoder d = new TextLineDecoder(2, 1024);
        decode(d, "1,\u00002\n1,\u00ff\n3,4\n");
        assertThat(got).containsExactly("NOT_TEXT: byte 0x00 is no text", "NOT_TEXT: byte 0xff is no text", "[3, 4] n=2");
    }

    @Test
    void aHugeLineWithoutLineEndIsReportedOnceAndCostsNoMoreThanTheLimit() {
        TextLineDecoder d = new TextLineDecoder(2, 64);
        byte[] chunk = "1,2,3,4,5,6,7,8,9,".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1000; i++) {
            d.feed(chunk, 0, chunk.length, sink);  // 18 MB, no newline
        }
        decode(d, "\n7,8\n");
        assertThat(got).containsExactly("TOO_LONG: a line longer than 64 bytes", "[7, 8] n=2");
    }

    @Test
    void aResetForgetsAPartialLine() {
        TextLineDecoder d = new TextLineDecoder(2, 64);
        decode(d, "1,2\n3,");
        d.reset();
        decode(d, "5,6\n");
        assertThat(got).containsExactly("[1, 2] n=2", "[5, 6] n=2");
    }
}
