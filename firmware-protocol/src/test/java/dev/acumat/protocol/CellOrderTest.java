package dev.acumat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellOrderTest {
    /** A 3 x 2 mat:  1 2 / 3 4 / 5 6, row 0 first. */
    private static final int[] GRID = {1, 2, 3, 4, 5, 6};

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "none                          | 3 | 2 | 1 2 3 4 5 6",
        "flip-rows                     | 3 | 2 | 5 6 3 4 1 2",
        "flip-cols                     | 3 | 2 | 2 1 4 3 6 5",
        "flip-rows,flip-cols           | 3 | 2 | 6 5 4 3 2 1",
        "transpose                     | 2 | 3 | 1 3 5 2 4 6",
        "flip-rows,transpose           | 2 | 3 | 2 4 6 1 3 5",
        "flip-cols,transpose           | 2 | 3 | 5 3 1 6 4 2",
        "flip-rows,flip-cols,transpose | 2 | 3 | 6 4 2 5 3 1"})
    void everyCombinationOnAThreeByTwoGrid(String text, int outRows, int outCols, String expected) {
        CellOrder order = CellOrder.parse(text);
        assertThat(order.outRows(3, 2)).isEqualTo(outRows);
        assertThat(order.outCols(3, 2)).isEqualTo(outCols);
        int[] out = new int[6];
        order.apply(GRID, 3, 2, out);
        assertThat(out).containsExactly(java.util.Arrays.stream(expected.split(" ")).mapToInt(Integer::parseInt).toArray());
        int[] back = new int[6];
        order.inverse().apply(out, outRows, outCols, back);
        assertThat(back).as("the inverse gives the mat's own frame back").containsExactly(GRID);
    }

    @Test
    void applyFollowsTheDefinitionOnOtherSizes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int rows = 1; rows <= 5; rows++) {
            for (int cols = 1; cols <= 4; cols++) {
                int[] in = random.ints(rows * cols, 0, 4096).toArray();
                for (CellOrder order : all()) {
                    int[] out = new int[rows * cols];
                    order.apply(in, rows, cols, out);
                    assertThat(out).as("%s on %d x %d", order, rows, cols).containsExactly(byDefinition(order, in, rows, cols));
                }
            }
        }
    }

    /** The Javadoc's definition, cell by cell: transpose first, then the flips of the resulting grid. */
    private static int[] byDefinition(CellOrder o, int[] in, int rows, int cols) {
        int r2 = o.transpose() ? cols : rows;
        int c2 = o.transpose() ? rows : cols;
        int[] out = new int[rows * cols];
        for (int i = 0; i < r2; i++) {
            for (int j = 0; j < c2; j++) {
                int ii = o.flipRows() ? r2 - 1 - i : i;
                int jj = o.flipCols() ? c2 - 1 - j : j;
                int r = o.transpose() ? jj : ii;
                int c = o.transpose() ? ii : jj;
                out[i * c2 + j] = in[r * cols + c];
            }
        }
        return out;
    }

    private static List<CellOrder> all() {
        List<CellOrder> all = new java.util.ArrayList<>();
        for (int bits = 0; bits < 8; bits++) {
            all.add(CellOrder.of((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0));
        }
        return all;
    }

    @Test
    void formatAndParseRoundTrip() {
        for (CellOrder order : all()) {
            assertThat(CellOrder.parse(order.format())).isEqualTo(order);
            assertThat(order.toString()).isEqualTo(order.format());
        }
        assertThat(CellOrder.NONE.format()).isEqualTo("none");
        assertThat(CellOrder.of(true, true, false).format()).isEqualTo("flip-rows,flip-cols");
        assertThat(CellOrder.parse(" transpose , flip-cols")).isEqualTo(CellOrder.of(false, true, true));
        assertThat(CellOrder.parse("none")).isSameAs(CellOrder.NONE);
        assertThat(CellOrder.of(false, false, false).isNone()).isTrue();
        assertThat(CellOrder.parse("flip-cols").hashCode()).isEqualTo(CellOrder.of(false, true, false).hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip", "flip-cols,mirror", "FLIP-ROWS", "flip_cols", "snake", "flip-cols,"})
    void anUnknownWordIsNamedWithTheAllowedOnes(String text) {
        assertThatThrownBy(() -> CellOrder.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a cell order step")
                .hasMessageContaining("none, flip-rows, flip-cols, transpose, serpentine");
    }

    /** A 4 x 3 mat scanned back and forth: its rows 1 and 3 come reversed. */
    @Test
    void serpentineIsUndoneFirstOnTheMatsOwnRows() {
        int[] canonical = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        int[] written = {1, 2, 3, 6, 5, 4, 7, 8, 9, 12, 11, 10};
        int[] out = new int[12];
        CellOrder.parse("serpentine").apply(written, 4, 3, out);
        assertThat(out).containsExactly(canonical);
        // With a transpose the reversed lines are the mat's own rows, which become canonical columns.
        CellOrder snakeT = CellOrder.parse("transpose,serpentine");
        snakeT.apply(written, 4, 3, out);
        assertThat(out).containsExactly(1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12);
    }

    @Test
    void everyOrderOfAllSixteenRestoresTheMatsOwnFrame() {
        SplittableRandom random = new SplittableRandom(11);
        for (int bits = 0; bits < 16; bits++) {
            CellOrder order = CellOrder.fromBits(bits);
            assertThat(order.bits()).isEqualTo(bits);
            assertThat(CellOrder.parse(order.format())).isEqualTo(order);
            for (int rows = 1; rows <= 4; rows++) {
                for (int cols = 1; cols <= 5; cols++) {
                    int[] in = random.ints(rows * cols, 0, 4096).toArray();
                    int[] out = new int[in.length];
                    int[] back = new int[in.length];
                    order.apply(in, rows, cols, out);
                    if (!order.serpentine()) {
                        assertThat(out).containsExactly(byDefinition(order, in, rows, cols));
                    }
                    order.restore(out, rows, cols, back);
                    assertThat(back).as("%s on %d x %d", order, rows, cols).containsExactly(in);
                }
            }
        }
        assertThatThrownBy(() -> CellOrder.fromBits(0x10)).hasMessageContaining("reserved bit");
        assertThatThrownBy(() -> CellOrder.parse("serpentine").inverse()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void repeatsNoneInAListAndNothingAreRefused() {
        assertThatThrownBy(() -> CellOrder.parse("flip-cols,flip-cols")).hasMessageContaining("'flip-cols' is given twice");
        assertThatThrownBy(() -> CellOrder.parse("none,transpose")).hasMessageContaining("'none' goes alone");
        assertThatThrownBy(() -> CellOrder.parse(" ")).hasMessageContaining("no cell order given");
        assertThatThrownBy(() -> CellOrder.parse("flip-cols,,transpose")).hasMessageContaining("'' is not a cell order step");
    }

    @Test
    void theCanonicalDeviceInfoTradesRowsAndColumnsUnderATranspose() {
        DeviceInfo info = new DeviceInfo("mat-1", 1, 0, 0, 64, 27, 28_000, 30_000, 12, 40_000, 0, List.of());
        assertThat(CellOrder.parse("flip-rows").canonical(info)).isSameAs(info);
        DeviceInfo t = CellOrder.parse("transpose").canonical(info);
        assertThat(t.rows()).isEqualTo(27);
        assertThat(t.cols()).isEqualTo(64);
        assertThat(t.rowPitchUm()).isEqualTo(30_000);
        assertThat(t.colPitchUm()).isEqualTo(28_000);
        assertThat(t.matId()).isEqualTo("mat-1");
    }

    @Test
    void applyRefusesArraysThatDoNotFitAndWorkingInPlace() {
        assertThatThrownBy(() -> CellOrder.NONE.apply(GRID, 3, 3, new int[9])).isInstanceOf(IllegalArgumentException.class);
        int[] same = GRID.clone();
        assertThatThrownBy(() -> CellOrder.parse("flip-rows").apply(same, 3, 2, same))
                .hasMessageContaining("in place");
    }
}
