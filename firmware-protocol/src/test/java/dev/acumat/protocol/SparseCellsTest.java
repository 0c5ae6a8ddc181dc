package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparseCellsTest {

    @Test
    void canonicalRunsForAKnownFrame() {
        short[] v = {0, 0, 5, 6, 0, 0, 0, 0x100};
        byte[] out = new byte[SparseCells.encodedLength(v)];
        SparseCells.encode(v, out, 0);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("0202" + "05000600" + "0301" + "0001");
    }

    @Test
    void longZeroRunsUseMultiByteVarints() {
        short[] v = new short[300];
        v[299] = 9;
        byte[] out = new byte[SparseCells.encodedLength(v)];
        SparseCells.encode(v, out, 0);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("ab02" + "01" + "0900");
        short[] back = new short[300];
        assertThat(SparseCells.decode(out, 0, out.length, back)).isNull();
        assertThat(back).isEqualTo(v);
    }

    @ParameterizedTest
    @CsvSource({
            "0500, 4, sparse runs cover more than",       // 5 zeros for 4 cells
            "0000, 4, empty sparse run",
            "0103 0100, 4, literals run past the end",
            "0400 00, 4, bytes after the last sparse run",
            "80, 4, count truncated",
            "ffffff01, 4, longer than 3 bytes",
            "0101 0100, 4, count truncated"})
    void rejectsMalformedStreams(String hex, int cells, String problem) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThat(SparseCells.decode(b, 0, b.length, new short[cells])).contains(problem);
    }
}
