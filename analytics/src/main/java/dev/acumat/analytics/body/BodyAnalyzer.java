package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.PressureMap;
import dev.acumat.contract.Posture;

/**
 * The body in one frame: where its axis lies, its posture, and for a person lying supine the
 * lumbar region and how much of it is in contact.
 *
 * <p>Works on the normalised pressure (pressure over its mean), so a calibrated mat in kPa and
 * an uncalibrated one in raw counts give the same answers, and on any grid: a mat that shows
 * the trunk alone as well as one that shows the whole body. Row 0 must be the head end.
 *
 * <p>One analyzer per mat, used by one thread at a time: it keeps its working buffers between
 * frames, so a frame costs no allocation beyond the small result. The posture model is read
 * from the classpath once, at construction.
 */
public final class BodyAnalyzer {
    private static final Posture[] POSTURES = Posture.values();

    private final PostureModel model;
    private final PostureFeatures features = new PostureFeatures();
    private final LowerBack back = new LowerBack();
    private final double[] probabilities = new double[POSTURES.length];
    private final double[] scratch = new double[PostureModel.STAGE_ONE.length];
    private BodyShape shape;

    /** An analyzer classifying postures with {@code model} (null: one that only measures, for training). */
    public BodyAnalyzer(PostureModel model) {
        this.model = model;
    }

    /** The posture model in use. */
    public PostureModel model() {
        return model;
    }

    /** Analyses one frame on its own; the map is only read, and may be reused by its owner afterwards. */
    public BodyReading analyze(PressureMap map) {
        return analyze(map, null, 0);
    }

    /**
     * Analyses the next frame of a mat, taken at {@code timeMicros}, its posture steadied by
     * {@code filter} over the frames before it (see {@link PostureFilter}).
     */
    public BodyReading analyze(PressureMap map, PostureFilter filter, long timeMicros) {
        BodyShape s = measure(map);
        if (s == null) {
            if (filter != null) {
                filter.reset();
            }
            return shape == null || !(shape.pressingAreaCm2 > 0) ? BodyReading.NOBODY
                    : new BodyReading(Posture.UNKNOWN, 0, null, null, shape.pressingAreaCm2);
        }
        BodyAxis axis = new BodyAxis(s.cx, s.cy, s.angleDeg, s.uMax - s.uMin + s.binCm,
                s.vMax - s.vMin + s.binCm);
        if (model == null) {
            return new BodyReading(Posture.UNKNOWN, 0, null, axis, s.pressingAreaCm2);
        }
        int best = model.classify(features, probabilities, scratch);
        if (filter != null) {
            filter.update(timeMicros, probabilities);
            for (int k = 0; k < probabilities.length; k++) {
                best = probabilities[k] > probabilities[best] ? k : best;
            }
        }
        double confidence = probabilities[best];
        Posture posture = confidence >= model.unknownBelow ? POSTURES[best] : Posture.UNKNOWN;
        // Only a supine back lies on the spikes: on a side the lumbar region faces sideways,
        // sitting and standing it is off the mat, and prone the belly, not the back, is down.
        LowerBackRegion region = posture == Posture.SUPINE && back.found ? back.region(s, map) : null;
        return new BodyReading(posture, confidence, region, axis, s.pressingAreaCm2);
    }

    /**
     * Measures a frame and computes its posture features (see {@link #features()}); null when
     * there is no body. For training and evaluation.
     */
    BodyShape measure(PressureMap map) {
        BodyShape s = shape;
        if (s == null || s.rows != map.rows() || s.cols != map.cols() || s.rowCm != map.spec().rowPitchCm()
                || s.colCm != map.spec().colPitchCm()) {
            s = new BodyShape(map.rows(), map.cols(), map.spec().rowPitchCm(), map.spec().colPitchCm());
            shape = s;
        }
        if (!s.measure(map)) {
            return null;
        }
        back.locate(s);
        features.compute(s, back, map.cols() * map.spec().colPitchCm());
        return s;
    }

    /** The features of the frame last measured. */
    PostureFeatures features() {
        return features;
    }

    /** The landmarks of the frame last measured. */
    LowerBack landmarks() {
        return back;
    }

    /** Posture probabilities of the frame last analysed, by {@link Posture#ordinal()}. */
    double[] probabilities() {
        return probabilities;
    }
}
