package dev.acumat.gateway;

import dev.acumat.gateway.input.InputFormat;
import dev.acumat.gateway.input.TextMat;
import dev.acumat.protocol.WireFormat;

/**
 * What the mat's port carries, and the grid of a text mat, validated once at start; errors name
 * the option. The grid (rows, columns, pitch) is given whole or not at all; {@code csv} needs it,
 * {@code auto} reads a text mat only with it, {@code binary} takes the mat's own device-info.
 *
 * @param format     binary, csv or auto
 * @param rows       rows of a text mat's grid, or null
 * @param cols       columns, or null
 * @param rowPitchMm distance between row centres in mm, or null
 * @param colPitchMm distance between column centres in mm, or null
 * @param adcBits    the text mat's ADC resolution, 1..16
 * @param invert     the text mat's readings fall with load
 */
public record InputConfig(InputFormat format, Integer rows, Integer cols, Double rowPitchMm, Double colPitchMm,
                          int adcBits, boolean invert) {
    /** Auto, no grid: a protocol mat is read, a text mat recognised and named. */
    public static final InputConfig DEFAULT = new InputConfig(InputFormat.AUTO, null, null, null, null,
            TextMat.DEFAULT_ADC_BITS, false);

    public InputConfig {
        require(format != null, "--input must be binary, csv or auto");
        require((rows == null) == (cols == null), "--rows and --cols go together: give both or neither");
        require(rows == null || (rows >= 1 && rows <= WireFormat.MAX_ROWS), "--rows must be 1..256, got " + rows);
        require(cols == null || (cols >= 1 && cols <= WireFormat.MAX_COLS), "--cols must be 1..256, got " + cols);
        require((rowPitchMm == null) == (colPitchMm == null), "--pitch-mm: give P or RxC");
        require(rowPitchMm == null || (rowPitchMm > 0 && rowPitchMm <= 1000 && colPitchMm > 0 && colPitchMm <= 1000),
                "--pitch-mm must be in (0, 1000] mm, each way");
        require(rows == null || rowPitchMm != null, "--rows and --cols need --pitch-mm, the distance between sensor"
                + " centres");
        require(rowPitchMm == null || rows != null, "--pitch-mm needs --rows and --cols");
        require(adcBits >= 1 && adcBits <= 16, "--adc-bits must be 1..16, got " + adcBits);
        require(format != InputFormat.CSV || rows != null, "--input csv needs --rows, --cols and --pitch-mm:"
                + " a text mat does not say its grid");
        require(format != InputFormat.BINARY || rows == null, "--rows, --cols and --pitch-mm describe a text mat;"
                + " with --input binary the mat's device-info says its grid");
        require(format != InputFormat.BINARY || !invert, "--invert is for a text mat; not with --input binary");
    }

    /** Whether a text mat's grid was given. */
    public boolean hasGrid() {
        return rows != null;
    }

    /** The text mat these options describe, named {@code matId}; null without a grid. */
    public TextMat textMat(String matId) {
        return hasGrid() ? new TextMat(matId, rows, cols, Math.round(rowPitchMm * 1000), Math.round(colPitchMm * 1000),
                adcBits, invert) : null;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
