package dev.acumat.protocol;

/**
 * One point of a mat's calibration: a raw ADC count and the pressure that produced it.
 *
 * @param raw        the raw count, 0..65535
 * @param pressurePa the applied pressure in pascals, 0..4294967295 (1 kPa = 1000 Pa, 1 mmHg = 133.3 Pa)
 */
public record CalibrationPoint(int raw, long pressurePa) {
    public CalibrationPoint {
        if (raw < 0 || raw > 0xFFFF) {
            throw new IllegalArgumentException("calibration raw count out of 0..65535: " + raw);
        }
        if (pressurePa < 0 || pressurePa > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("calibration pressure out of 0..2^32-1 Pa: " + pressurePa);
        }
    }
}
