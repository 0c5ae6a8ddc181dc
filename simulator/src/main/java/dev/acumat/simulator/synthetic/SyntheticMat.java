package dev.acumat.simulator.synthetic;

import dev.acumat.protocol.DeviceInfo;
import dev.acumat.simulator.FrameSource;
import dev.acumat.simulator.FrameTruth;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic mat: a body following a {@link Script}, drawn by a {@link BodyModel}, read
 * through a {@link SensorModel}. Frames are raw 12-bit counts after deadband, with the ground
 * truth of each frame. Deterministic: the same script, body, geometry, sensor, rate and seed
 * give the same frames, and {@link #rewind()} replays them exactly. The seed drives the noise,
 * the drift, the breathing rhythm (12 to 16 breaths a minute) and the sensor's stuck cells and
 * topper; the script is the same for every seed, so runs with different seeds share their
 * ground truth, which describes the person alone.
 *
 * <p>Not thread-safe; one instance per simulated mat. Its templates are shared.
 */
public final class SyntheticMat implements FrameSource {
    private final Script script;
    private final BodyModel model;
    private final MatGeometry geometry;
    private final SensorModel sensor;
    private final double hz;
    private final Segment[] segments;
    private final int[] segmentFrames;
    private final long totalFrames;
    private final SensorState state;
    private final double breathsPerSecond;
    private final float[] kPa;

    private int segment;
    private int step;
    private long frame;
    private double breathPhase;
    private FrameTruth truth;
    private MatLoad load = MatLoad.NONE;

    public SyntheticMat(Script script, Body body, MatGeometry geometry, SensorModel sensor, double hz, long seed) {
        this.script = Objects.requireNonNull(script, "script");
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.sensor = Objects.requireNonNull(sensor, "sensor");
        if (!(hz > 0) || hz > 10_000) {
            throw new IllegalArgumentException("hz must be in (0, 10000]: " + hz);
        }
        this.hz = hz;
        this.model = BodyModel.of(body, geometry);
        List<Segment> list = script.segments();
        this.segments = list.toArray(new Segment[0]);
        this.segmentFrames = new int[segments.length];
        long n = 0;
        for (int i = 0; i < segments.length; i++) {
            segmentFrames[i] = segments[i].frames(hz);
            n += segmentFrames[i];
        }
        this.totalFrames = n;
        this.state = new SensorState(sensor, geometry, hz, seed);
        this.breathsPerSecond = (12 + 4 * new SplittableRandom(~seed).nextDouble()) / 60;
        this.kPa = new float[geometry.cells()];
        rewind();
    }

    /** A default adult with the default sensor. */
    public SyntheticMat(Script script, MatGeometry geometry, double hz, long seed) {
        this(script, Body.DEFAULT, geometry, SensorModel.DEFAULT, hz, seed);
    }

    @Override
    public DeviceInfo deviceInfo(String matId) {
        return new DeviceInfo(matId, 1, 0, 0, geometry.rows(), geometry.cols(),
                Math.round(geometry.rowPitchMm() * 1000), Math.round(geometry.colPitchMm() * 1000),
                SensorModel.ADC_BITS, Math.round(1_000_000 / hz), sensor.deadband(), sensor.calibration());
    }

    @Override
    public boolean next(int[] values) {
        if (values.length != geometry.cells()) {
            throw new IllegalArgumentException("need " + geometry.cells() + " values, got " + values.length);
        }
        if (frame >= totalFrames) {
            return false;
        }
        Segment seg = segments[segment];
        double s = (step + 0.5) / segmentFrames[segment];
        double e = s * s * (3 - 2 * s);
        Pose a = seg.from().towards(seg.to(), e).withBreathPhase(breathPhase);
        double coverage = Double.NaN;
        if (a.posture() == seg.to().posture()) {
            load = model.render(a, kPa);
            coverage = a.load() > 0 ? model.lumbarCoverage(a, kPa) : Double.NaN;
        } else {
            load = model.render(a, a.withPosture(seg.to().posture()), e, kPa);
        }
        state.digitise(kPa, frame, values);
        truth = new FrameTruth(seg.onMat(), seg.truthPosture(), seg.motion() != Segment.Motion.STILL,
                seg.phase(), seg.motion() == Segment.Motion.SHIFT, a.load(), load.forceN(), load.copXCm(),
                load.copYCm(), coverage);
        advance();
        return true;
    }

    private void advance() {
        frame++;
        if (++step >= segmentFrames[segment]) {
            step = 0;
            segment++;
        }
        // The rate wanders by +-8 % over about 40 s, as breathing does at rest.
        double rate = breathsPerSecond * (1 + 0.08 * Math.sin(2 * Math.PI * frame / hz / 37));
        breathPhase += 2 * Math.PI * rate / hz;
        if (breathPhase > 2 * Math.PI) {
            breathPhase -= 2 * Math.PI;
        }
    }

    @Override
    public FrameTruth truth() {
        return truth;
    }

    @Override
    public void rewind() {
        segment = 0;
        step = 0;
        frame = 0;
        breathPhase = 0;
        truth = null;
        load = MatLoad.NONE;
        state.rewind();
    }

    /** Nothing to release: a synthetic mat holds no files. */
    @Override
    public void close() {
        // A synthetic mat holds no resources.
    }

    /** Frames in the whole scenario. */
    public long frames() {
        return totalFrames;
    }

    /** Index of the next frame {@link #next} will produce. */
    public long position() {
        return frame;
    }

    /**
     * The person's noiseless pressure (kPa) of the frame last returned, without the sensor's
     * topper; do not modify.
     */
    public float[] pressureKpa() {
        return kPa;
    }

    /** The cells the sensor has stuck ({@link SensorModel#stuckShare()}), in increasing order. */
    public int[] stuckCells() {
        return IntStream.range(0, geometry.cells()).filter(i -> state.stuckOf(i) >= 0).toArray();
    }

    /** The mean pressure (kPa) of the sensor's topper on a cell, 0 without one ({@link SensorModel#topperKpa()}). */
    public double topperKpa(int cell) {
        return state.topperOf(cell);
    }

    /** The noiseless load of the frame last returned. */
    public MatLoad load() {
        return load;
    }

    public Script script() {
        return script;
    }

    public BodyModel model() {
        return model;
    }

    public SensorModel sensor() {
        return sensor;
    }

    public double hz() {
        return hz;
    }
}
