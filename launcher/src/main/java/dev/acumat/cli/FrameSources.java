package dev.acumat.cli;

import dev.acumat.protocol.CellOrder;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.ReplayFrameSource;
import dev.acumat.simulator.synthetic.Body;
import dev.acumat.simulator.synthetic.MatGeometry;
import dev.acumat.simulator.synthetic.Scenarios;
import dev.acumat.simulator.synthetic.SensorModel;
import java.io.IOException;
import java.nio.file.Path;

/** What a simulated mat plays: a recording, or a scenario on the acupressure mat or a grid given. */
final class FrameSources {
    private FrameSources() {
    }

    /**
     * A recording when {@code replay} is set (rows, cols and pitch required, as written; its cells
     * in {@code order}), else a scenario read through {@code sensor}.
     */
    static FrameSource of(String scenario, Path replay, Integer rows, Integer cols, PitchOption.Pitch pitch, double hz,
                          long seed, SensorModel sensor, CellOrder order) throws IOException {
        return of(scenario, replay, rows, cols, pitch, hz, seed, sensor, order, MatGeometry.ACUPRESSURE);
    }

    /** {@link #of(String, Path, Integer, Integer, PitchOption.Pitch, double, long, SensorModel, CellOrder)} with the grid of a scenario given no geometry. */
    static FrameSource of(String scenario, Path replay, Integer rows, Integer cols, PitchOption.Pitch pitch, double hz,
                          long seed, SensorModel sensor, CellOrder order, MatGeometry standard) throws IOException {
        if (replay != null) {
            return new ReplayFrameSource(replay, rows, cols, pitch.rowMm(), pitch.colMm(), hz, order);
        }
        MatGeometry geometry = rows == null ? standard
                : MatGeometry.of(rows, cols, pitch.rowMm(), pitch.colMm());
        return Scenarios.create(scenario == null ? "session" : scenario, hz, seed, geometry, Body.DEFAULT, sensor);
    }

    /** The default rate: 25 Hz for scenarios, 1 Hz for recordings (the PhysioNet PMD rate). */
    static double defaultHz(Double hz, Path replay) {
        return hz != null ? hz : replay != null ? 1 : 25;
    }
}
