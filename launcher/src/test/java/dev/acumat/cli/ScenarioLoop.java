package dev.acumat.cli;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SyntheticMat;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass of a simulator scenario, rendered once and played round and round: a hundred mats at
 * 25 Hz cost the body model nothing after the first pass, and each frame is still the
 * simulator's (noise, breathing, shifts), so the analytics find sessions, contact and shifts in it.
 */
record ScenarioLoop(DeviceInfo info, List<int[]> frames) {
    static ScenarioLoop render(String scenario, double hz, long seed) {
        SyntheticMat mat = Scenarios.create(scenario, hz, seed);
        DeviceInfo info = mat.deviceInfo("template");
        List<int[]> frames = new ArrayList<>();
        int[] values = new int[info.rows() * info.cols()];
        while (mat.next(values)) {
            frames.add(values.clone());
        }
        return new ScenarioLoop(info, List.copyOf(frames));
    }

    /** The device-info under another mat id. */
    DeviceInfo infoOf(String matId) {
        DeviceInfo i = info;
        return new DeviceInfo(matId, i.firmwareMajor(), i.firmwareMinor(), i.firmwarePatch(), i.rows(), i.cols(),
                i.rowPitchUm(), i.colPitchUm(), i.adcBits(), i.frameIntervalUs(), i.deadband(), i.calibration());
    }

    /** The values of the loop's frame at {@code index}, counted round and round. */
    int[] frame(long index) {
        return frames.get((int) Math.floorMod(index, (long) frames.size()));
    }
}
