package dev.acumat.bench;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.FrameTruth;

/**
 * A simulated mat that plays prepared frames round and round: the simulator's real wire code
 * without the cost of rendering a body every frame, so that the load generator is not what
 * limits a measurement.
 */
final class CyclingFrames implements FrameSource {
    private final SampleFrames sample;
    private int next;

    CyclingFrames(SampleFrames sample) {
        this.sample = sample;
    }

    @Override
    public DeviceInfo deviceInfo(String matId) {
        DeviceInfo i = sample.info();
        return new DeviceInfo(matId, i.firmwareMajor(), i.firmwareMinor(), i.firmwarePatch(), i.rows(), i.cols(),
                i.rowPitchUm(), i.colPitchUm(), i.adcBits(), i.frameIntervalUs(), i.deadband(), i.calibration());
    }

    @Override
    public boolean next(int[] values) {
        int[] frame = sample.frames().get(next).toArray();
        System.arraycopy(frame, 0, values, 0, frame.length);
        next = (next + 1) % sample.frames().size();
        return true;
    }

    @Override
    public FrameTruth truth() {
        return null;
    }

    @Override
    public void rewind() {
        next = 0;
    }
}
