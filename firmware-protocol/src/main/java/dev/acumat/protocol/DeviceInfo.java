package dev.acumat.protocol;

import java.util.List;

/**
 * What a mat says about itself: who it is, its firmware, its sensor geometry and calibration.
 * Sent at start-up, every few seconds, and in answer to an {@link InfoRequest}.
 *
 * @param matId           1..64 characters of [A-Za-z0-9._:-]
 * @param firmwareMajor   firmware version, major (0..255)
 * @param firmwareMinor   firmware version, minor (0..255)
 * @param firmwarePatch   firmware version, patch (0..255)
 * @param rows            sensor rows, 1..256; row 0 is the head end
 * @param cols            sensor columns, 1..256
 * @param rowPitchUm      distance between row centres in micrometres, 1..1,000,000
 * @param colPitchUm      distance between column centres in micrometres, 1..1,000,000
 * @param adcBits         ADC resolution, 1..16; raw values are below 2^adcBits
 * @param frameIntervalUs nominal time between frames in microseconds, 0 if unknown
 * @param deadband        raw values at or below this were sent as 0 by the firmware
 * @param calibration     0..32 points with strictly increasing raw counts and non-decreasing
 *                        pressures; empty means the mat is uncalibrated (raw units)
 */
public record DeviceInfo(String matId, int firmwareMajor, int firmwareMinor, int firmwarePatch,
                         int rows, int cols, long rowPitchUm, long colPitchUm, int adcBits,
                         long frameIntervalUs, int deadband, List<CalibrationPoint> calibration)
        implements Message {

    public DeviceInfo {
        if (!WireFormat.isValidMatId(matId)) {
            throw new IllegalArgumentException("mat id must be 1..64 characters of [A-Za-z0-9._:-]: " + matId);
        }
        checkRange("firmware major", firmwareMajor, 0, 255);
        checkRange("firmware minor", firmwareMinor, 0, 255);
        checkRange("firmware patch", firmwarePatch, 0, 255);
        checkRange("rows", rows, 1, WireFormat.MAX_ROWS);
        checkRange("cols", cols, 1, WireFormat.MAX_COLS);
        checkRange("row pitch (um)", rowPitchUm, 1, WireFormat.MAX_PITCH_UM);
        checkRange("col pitch (um)", colPitchUm, 1, WireFormat.MAX_PITCH_UM);
        checkRange("ADC bits", adcBits, 1, 16);
        checkRange("frame interval (us)", frameIntervalUs, 0, 0xFFFF_FFFFL);
        checkRange("deadband", deadband, 0, 0xFFFF);
        calibration = List.copyOf(calibration);
        if (calibration.size() > WireFormat.MAX_CALIBRATION_POINTS) {
            throw new IllegalArgumentException("at most " + WireFormat.MAX_CALIBRATION_POINTS
                    + " calibration points, got " + calibration.size());
        }
        for (int i = 1; i < calibration.size(); i++) {
            CalibrationPoint prev = calibration.get(i - 1);
            CalibrationPoint cur = calibration.get(i);
            if (cur.raw() <= prev.raw() || cur.pressurePa() < prev.pressurePa()) {
                throw new IllegalArgumentException("calibration points must have increasing raw counts"
                        + " and non-decreasing pressures; point " + i + " breaks it");
            }
        }
    }

    private static void checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " out of " + min + ".." + max + ": " + value);
        }
    }

    @Override
    public int type() {
        return WireFormat.TYPE_DEVICE_INFO;
    }

    public int cells() {
        return rows * cols;
    }

    public boolean isCalibrated() {
        return !calibration.isEmpty();
    }

    /** The largest raw value the ADC can produce. */
    public int maxRaw() {
        return (1 << adcBits) - 1;
    }

    /** The nominal frame rate in hertz, or 0 when the mat did not say. */
    public double nominalRateHz() {
        return frameIntervalUs == 0 ? 0 : 1_000_000.0 / frameIntervalUs;
    }

    public String firmwareVersion() {
        return firmwareMajor + "." + firmwareMinor + "." + firmwarePatch;
    }
}
