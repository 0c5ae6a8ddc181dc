package dev.acumat.gateway.input;

import dev.acumat.contract.MatId;
import dev.acumat.protocol.DeviceInfo;
import java.util.List;

/**
 * A mat that prints its frames as text, described by the gateway's options, since it cannot
 * describe itself: its id, grid, pitch and ADC. Its device-info says firmware 0.0.0 (not an
 * acumat firmware), uncalibrated (raw counts), deadband 0 and frame interval 0 (unknown: a
 * device-info must not change while the mat runs, or the analytics start its analysis afresh).
 *
 * @param matId      the id its frames travel under
 * @param rows       rows of the grid, 1..256, the first value of a line at row 0 (the head end)
 * @param cols       columns, 1..256
 * @param rowPitchUm distance between row centres, micrometres
 * @param colPitchUm distance between column centres, micrometres
 * @param adcBits    the ADC's resolution: values above 2^adcBits - 1 make a line malformed
 * @param invert     readings fall with load: each value v is sent as 2^adcBits - 1 - v
 */
public record TextMat(String matId, int rows, int cols, long rowPitchUm, long colPitchUm, int adcBits,
                      boolean invert) {
    /** An Arduino's analogRead: 0..1023. */
    public static final int DEFAULT_ADC_BITS = 10;
    /** The id of a text mat on a port whose name gives none. */
    static final String FALLBACK_ID = "text-mat";

    public TextMat {
        deviceInfo(matId, rows, cols, rowPitchUm, colPitchUm, adcBits);  // the protocol's ranges, checked once
    }

    /** The device-info the gateway sends for this mat. */
    public DeviceInfo deviceInfo() {
        return deviceInfo(matId, rows, cols, rowPitchUm, colPitchUm, adcBits);
    }

    private static DeviceInfo deviceInfo(String matId, int rows, int cols, long rowPitchUm, long colPitchUm,
                                         int adcBits) {
        return new DeviceInfo(matId, 0, 0, 0, rows, cols, rowPitchUm, colPitchUm, adcBits, 0, 0, List.of());
    }

    public int cells() {
        return rows * cols;
    }

    public int maxRaw() {
        return (1 << adcBits) - 1;
    }

    /** The longest line read: every value with five digits and two separators, and room for padding. */
    public int maxLineBytes() {
        return cells() * 8 + 1024;
    }

    /**
     * The id of a text mat given no {@code --mat-id}: "text-" and the port's file name, so each
     * port keeps its mat apart and a /dev/serial/by-id/ path gives a name that survives replugs;
     * characters a mat id may not have become '_'.
     */
    public static String defaultMatId(String serial) {
        if (serial == null || serial.equals("auto")) {
            return FALLBACK_ID;
        }
        String name = serial.replaceAll("[/\\\\]+$", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (name.isEmpty()) {
            return FALLBACK_ID;
        }
        String id = ("text-" + name).replaceAll("[^A-Za-z0-9._:-]", "_");
        id = id.length() > MatId.MAX_LENGTH ? id.substring(0, MatId.MAX_LENGTH) : id;
        return MatId.isValid(id) ? id : FALLBACK_ID;
    }
}
