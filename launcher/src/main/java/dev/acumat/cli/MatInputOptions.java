package dev.acumat.cli;

import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.input.InputFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a mat's port carries and, for a mat that prints text, its grid: the "mat input" options
 * of a command that reads a real mat ({@code gateway}), one {@link CommandLine.Mixin} to share.
 */
final class MatInputOptions {
    @Option(names = "--input", paramLabel = "binary|csv|auto", defaultValue = "${env:ACUMAT_INPUT:-auto}",
            description = "What the mat sends: binary (the acumat protocol), csv (one line of numbers per frame,"
                    + " separated by commas, semicolons, tabs or spaces) or auto (each connection's first lines"
                    + " decide; the log says which). Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = "--rows", paramLabel = "R", defaultValue = "${env:ACUMAT_ROWS}",
            description = "Rows of a text mat (1..256); a line holds rows x cols values, row-major, row 0 at the"
                    + " head end.")
    Integer rows;

    @Option(names = "--cols", paramLabel = "C", defaultValue = "${env:ACUMAT_COLS}",
            description = "Columns of a text mat (1..256).")
    Integer cols;

    @CommandLine.Mixin
    PitchOption pitch;

    @Option(names = "--adc-bits", paramLabel = "N", defaultValue = "${env:ACUMAT_ADC_BITS:-10}",
            description = "A text mat's ADC resolution: values 0..2^N-1 (an Arduino's analogRead: 10). Default:"
                    + " ${DEFAULT-VALUE}.")
    int adcBits;

    @Option(names = "--invert", defaultValue = "${env:ACUMAT_INVERT:-false}",
            description = "A text mat's readings fall with load (a pull-up divider): each value v is taken as"
                    + " 2^N-1-v, so counts rise with pressure as the protocol has them.")
    boolean invert;

    /**
     * The options as the gateway takes them.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    InputConfig config() {
        PitchOption.Pitch p = pitch.value();
        return new InputConfig(InputFormat.parse(input), rows, cols, p == null ? null : p.rowMm(),
                p == null ? null : p.colMm(), adcBits, invert);
    }
}
