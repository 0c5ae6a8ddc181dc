package dev.acumat.cli;

import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.MatLayoutOverride;
import dev.acumat.gateway.GatewayConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The mat's port (path, baud rate, the id to name the mat), what it carries and, for a mat that
 * prints text, its grid; and the cell order and
 * kind of mat the gateway states for a mat that does not: the "mat input" options of a command
 * that reads a real mat ({@code gateway}, {@code run}), one {@link CommandLine.Mixin} to share.
 */
final class MatInputOptions {
    @Option(names = "--serial", paramLabel = "PATH|auto",
            description = "The mat's port: /dev/ttyUSB0, /dev/ttyACM0, a pty or a symlink to one; or auto to find the"
                    + " mat among the system's serial ports by its answer.")
    String serial;

    @Option(names = "--baud", paramLabel = "B", defaultValue = "" + GatewayConfig.DEFAULT_BAUD,
            description = "The UART's rate (ignored by USB CDC). Default: ${DEFAULT-VALUE}.")
    int baud;

    @Option(names = "--mat-id", paramLabel = "ID",
            description = "Name the mat this, whatever its device-info says. A text mat's default: text- and the"
                    + " port's file name (text-ttyACM0).")
    String matId;

    @Option(names = "--input", paramLabel = "binary|csv|auto", defaultValue = InputConfig.DEFAULT_FORMAT,
            description = "What the mat sends: binary (the acumat protocol), csv (one line of numbers per frame,"
                    + " separated by commas, semicolons, tabs or spaces) or auto (each connection's first lines"
                    + " decide; the log says which). Default: ${DEFAULT-VALUE}. A text mat's grid is --rows,"
                    + " --cols and --pitch-mm: a line holds rows x cols values, row-major, row 0 at the head end.")
    String input;

    @CommandLine.Mixin
    GridOptions grid;

    @Option(names = "--adc-bits", paramLabel = "N", defaultValue = "" + InputConfig.DEFAULT_ADC_BITS,
            description = "A text mat's ADC resolution: values 0..2^N-1 (an Arduino's analogRead: 10). Default:"
                    + " ${DEFAULT-VALUE}.")
    int adcBits;

    @Option(names = "--invert", defaultValue = "" + InputConfig.DEFAULT_INVERT,
            description = "A text mat's readings fall with load (a pull-up divider): each value v is taken as"
                    + " 2^N-1-v, so counts rise with pressure as the protocol has them.")
    boolean invert;

    @Option(names = "--cell-order", paramLabel = "ORDER",
            description = "State the mat's cell order for it after each device-info (a mat_layout message), over the"
                    + " mat's own: none, or a comma list of flip-rows, flip-cols, transpose, serpentine.")
    String cellOrder;

    @Option(names = "--mat-layout", paramLabel = "full-body|torso|lumbar-pad",
            description = "State the kind of mat for it after each device-info (a mat_layout message), over the mat's"
                    + " own; on a lumbar-pad the whole pad is the lower back.")
    String matLayout;

    /**
     * Checks the port's options before anything starts, in the gateway's words ({@link GatewayConfig#checkPort}).
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    void checkPort() {
        GatewayConfig.checkPort(serial, baud, matId);
    }

    /**
     * The cell order and kind the gateway states for the mat, or null to forward the mat's own.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    MatLayoutOverride layout() {
        return MatLayoutOverride.of(cellOrder, matLayout);
    }

    /**
     * What the port carries, as the gateway takes it.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    InputConfig config() {
        PitchOption.Pitch p = grid.pitch.value();
        return InputConfig.builder().format(input).rows(grid.rows).cols(grid.cols)
                .pitchMm(p == null ? null : p.rowMm(), p == null ? null : p.colMm())
                .adcBits(adcBits).invert(invert).build();
    }

    /**
     * {@code gateway}'s mat settings: the port, its rate, the mat id, what the port carries and the layout.
     *
     * @throws IllegalArgumentException naming the setting (or option) that is wrong
     */
    GatewayConfig.Builder applyTo(GatewayConfig.Builder gateway) {
        return gateway.serial(serial).baud(baud).matId(matId).input(config()).matLayout(layout());
    }
}
