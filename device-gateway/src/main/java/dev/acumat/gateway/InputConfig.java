package dev.acumat.gateway;

import dev.acumat.gateway.input.InputFormat;
import dev.acumat.gateway.input.TextMat;
import dev.acumat.protocol.WireFormat;

/**
 * What the mat's port carries, and the grid of a text mat, made by {@link #builder()}: the
 * defaults are named here, {@link Builder#build()} checks every setting once, and an error names
 * the setting (the launcher says the flag instead). The grid (rows, columns, pitch) is given
 * whole or not at all; {@code csv} needs it, {@code auto} reads a text mat only with it,
 * {@code binary} takes the mat's own device-info. Immutable.
 */
public final class InputConfig {
    /** What the port carries: binary, csv or auto ({@link InputFormat}). */
    public static final String FORMAT = "mat.input";
    /** Rows of a text mat's grid. */
    public static final String ROWS = "mat.rows";
    /** Columns of a text mat's grid. */
    public static final String COLS = "mat.cols";
    /** Distance between sensor centres in mm, one value or rows x columns. */
    public static final String PITCH_MM = "mat.pitch-mm";
    /** The text mat's ADC resolution in bits. */
    public static final String ADC_BITS = "mat.adc-bits";
    /** The text mat's readings fall with load. */
    public static final String INVERT = "mat.invert";

    /** {@link InputFormat#AUTO}, as the setting spells it. */
    public static final String DEFAULT_FORMAT = "auto";
    public static final int DEFAULT_ADC_BITS = TextMat.DEFAULT_ADC_BITS;
    public static final boolean DEFAULT_INVERT = false;
    /** The largest pitch taken, each way: a metre between sensors is no mat. */
    public static final double MAX_PITCH_MM = 1000;

    /** Auto, no grid: a protocol mat is read, a text mat recognised and named. */
    public static final InputConfig DEFAULT = builder().build();

    private final InputFormat format;
    private final Integer rows;
    private final Integer cols;
    private final Double rowPitchMm;
    private final Double colPitchMm;
    private final int adcBits;
    private final boolean invert;

    private InputConfig(Builder b, InputFormat format) {
        this.format = format;
        this.rows = b.rows;
        this.cols = b.cols;
        this.rowPitchMm = b.rowPitchMm;
        this.colPitchMm = b.colPitchMm;
        this.adcBits = b.adcBits;
        this.invert = b.invert;
    }

    /** A builder holding the defaults: auto, no grid, a 10-bit ADC, not inverted. */
    public static Builder builder() {
        return new Builder();
    }

    public InputFormat format() {
        return format;
    }

    /** Rows of a text mat's grid, or null. */
    public Integer rows() {
        return rows;
    }

    /** Columns of a text mat's grid, or null. */
    public Integer cols() {
        return cols;
    }

    /** Distance between row centres in mm, or null. */
    public Double rowPitchMm() {
        return rowPitchMm;
    }

    /** Distance between column centres in mm, or null. */
    public Double colPitchMm() {
        return colPitchMm;
    }

    public int adcBits() {
        return adcBits;
    }

    public boolean invert() {
        return invert;
    }

    /** Whether a text mat's grid was given. */
    public boolean hasGrid() {
        return rows != null;
    }

    /** The text mat these settings describe, named {@code matId}; null without a grid. */
    public TextMat textMat(String matId) {
        return hasGrid() ? new TextMat(matId, rows, cols, Math.round(rowPitchMm * 1000), Math.round(colPitchMm * 1000),
                adcBits, invert) : null;
    }

    /** Collects the settings; {@link #build()} checks them all and makes the configuration. */
    public static final class Builder {
        private String format = DEFAULT_FORMAT;
        private Integer rows;
        private Integer cols;
        private Double rowPitchMm;
        private Double colPitchMm;
        private int adcBits = DEFAULT_ADC_BITS;
        private boolean invert = DEFAULT_INVERT;

        private Builder() {
        }

        /** {@value #FORMAT} as written: binary, csv or auto. */
        public Builder format(String format) {
            this.format = format;
            return this;
        }

        /** {@value #FORMAT}. */
        public Builder format(InputFormat format) {
            return format(format == null ? null : format.option());
        }

        /** {@value #ROWS}, or null for no grid. */
        public Builder rows(Integer rows) {
            this.rows = rows;
            return this;
        }

        /** {@value #COLS}, or null for no grid. */
        public Builder cols(Integer cols) {
            this.cols = cols;
            return this;
        }

        /** {@value #PITCH_MM}: between row centres and between column centres; nulls for none. */
        public Builder pitchMm(Double rowMm, Double colMm) {
            this.rowPitchMm = rowMm;
            this.colPitchMm = colMm;
            return this;
        }

        /** {@value #ADC_BITS}. */
        public Builder adcBits(int bits) {
            this.adcBits = bits;
            return this;
        }

        /** {@value #INVERT}. */
        public Builder invert(boolean invert) {
            this.invert = invert;
            return this;
        }

        /**
         * The configuration, every setting checked.
         *
         * @throws IllegalArgumentException naming the setting that is wrong
         */
        public InputConfig build() {
            InputFormat f = InputFormat.of(format);
            require(f != null, FORMAT + " must be binary, csv or auto, got '" + format + "'");
            require((rows == null) == (cols == null), ROWS + " and " + COLS + " go together: give both or neither");
            require(rows == null || (rows >= 1 && rows <= WireFormat.MAX_ROWS), ROWS + " must be 1.."
                    + WireFormat.MAX_ROWS + ", got " + rows);
            require(cols == null || (cols >= 1 && cols <= WireFormat.MAX_COLS), COLS + " must be 1.."
                    + WireFormat.MAX_COLS + ", got " + cols);
            require((rowPitchMm == null) == (colPitchMm == null), PITCH_MM + ": give P or RxC");
            require(rowPitchMm == null || (inPitchRange(rowPitchMm) && inPitchRange(colPitchMm)),
                    PITCH_MM + " must be in (0, 1000] mm, each way");
            require(rows == null || rowPitchMm != null, ROWS + " and " + COLS + " need " + PITCH_MM
                    + ", the distance between sensor centres");
            require(rowPitchMm == null || rows != null, PITCH_MM + " needs " + ROWS + " and " + COLS);
            require(adcBits >= 1 && adcBits <= 16, ADC_BITS + " must be 1..16, got " + adcBits);
            require(f != InputFormat.CSV || rows != null, FORMAT + " csv needs " + ROWS + ", " + COLS + " and "
                    + PITCH_MM + ": a text mat does not say its grid");
            require(f != InputFormat.BINARY || rows == null, ROWS + ", " + COLS + " and " + PITCH_MM
                    + " describe a text mat; with " + FORMAT + " binary the mat's device-info says its grid");
            require(f != InputFormat.BINARY || !invert, INVERT + " is for a text mat; not with " + FORMAT + " binary");
            return new InputConfig(this, f);
        }

        private static boolean inPitchRange(double mm) {
            return mm > 0 && mm <= MAX_PITCH_MM;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
