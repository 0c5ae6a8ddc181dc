package dev.acumat.simulator.synthetic;

import dev.acumat.contract.Posture;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A person's contact pressure on a surface, in kPa, sampled at the cell centres of a mat.
 *
 * <p>Each posture's field is built once per body and pitch (see {@link PostureTemplate}) and
 * shared by every mat using them, so hundreds of simulated mats cost one set of templates. A
 * frame moves the template by the pose's translation and rotation and samples it bilinearly;
 * a transition renders two poses and mixes them. Thread-safe: a model is immutable.
 */
public final class BodyModel {
    /** Breathing changes the load under the chest by this share, a few percent. */
    static final double BREATH_DEPTH = 0.03;
    /**
     * A cell is in contact, for the lumbar coverage truth, from this noiseless pressure: 5 mmHg,
     * the threshold the analytics use (and pressure-mapping vendors), so the truth scores them
     * on their own definition of contact.
     */
    public static final double CONTACT_KPA = 5 * 0.133322;
    /** The lumbar band of the reference body: L1 (lower ribs) to L5/S1 (pelvis), world cm, a torso wide. */
    private static final double LUMBAR_TOP_CM = 61;
    private static final double LUMBAR_BOTTOM_CM = 75;
    private static final double LUMBAR_HALF_WIDTH_CM = 14;

    private static final Map<Key, BodyModel> CACHE = new ConcurrentHashMap<>();

    private final Body body;
    private final MatGeometry geometry;
    private final Map<Posture, PostureTemplate> templates = new EnumMap<>(Posture.class);

    private record Key(Body body, double rowPitchMm, double colPitchMm) {
    }

    private BodyModel(Body body, MatGeometry geometry) {
        this.body = body;
        this.geometry = geometry;
        for (Posture p : Posture.values()) {
            if (p != Posture.UNKNOWN && p != Posture.RIGHT) {
                templates.put(p, PostureTemplate.build(p, body, geometry.rowPitchMm(), geometry.colPitchMm()));
            }
        }
    }

    /** The model of a body as seen by a mat; templates are shared across mats of the same pitch. */
    public static BodyModel of(Body body, MatGeometry geometry) {
        Objects.requireNonNull(body, "body");
        BodyModel shared = CACHE.computeIfAbsent(new Key(body, geometry.rowPitchMm(), geometry.colPitchMm()),
                k -> new BodyModel(body, geometry));
        return shared.geometry.equals(geometry) ? shared : new BodyModel(shared, geometry);
    }

    private BodyModel(BodyModel shared, MatGeometry geometry) {
        this.body = shared.body;
        this.geometry = geometry;
        this.templates.putAll(shared.templates);
    }

    public Body body() {
        return body;
    }

    public MatGeometry geometry() {
        return geometry;
    }

    /** Renders one pose into {@code kPa} (rows x cols, row-major) and returns its load. */
    public MatLoad render(Pose pose, float[] kPa) {
        return render(pose, pose, 0, kPa);
    }

    /**
     * Renders a mix of two poses, {@code (1 - w) * from + w * to}: the pressure of a body half
     * way through a roll or sitting up. Breathing and load come with each pose.
     */
    public MatLoad render(Pose from, Pose to, double w, float[] kPa) {
        if (kPa.length != geometry.cells()) {
            throw new IllegalArgumentException("need " + geometry.cells() + " cells, got " + kPa.length);
        }
        Arrays.fill(kPa, 0f);
        if (w < 1) {
            add(from, 1 - w, kPa);
        }
        if (w > 0) {
            add(to, w, kPa);
        }
        return MatLoad.of(kPa, geometry);
    }

    /**
     * The true lower-back coverage of a supine pose: the share of the mat cells inside the
     * lumbar band (moving with the body) whose pressure is at least {@link #CONTACT_KPA}; NaN
     * for other postures or when the band is off the mat.
     *
     * @param kPa the pose's rendering, as returned by {@link #render(Pose, float[])}
     */
    public double lumbarCoverage(Pose pose, float[] kPa) {
        if (pose.posture() != Posture.SUPINE) {
            return Double.NaN;
        }
        PostureTemplate t = templates.get(Posture.SUPINE);
        double top = body.scaleY(LUMBAR_TOP_CM);
        double bottom = body.scaleY(LUMBAR_BOTTOM_CM);
        double halfWidth = LUMBAR_HALF_WIDTH_CM * body.lengthScale() * body.widthScale();
        double rad = Math.toRadians(pose.rotationDeg());
        double cos = Math.cos(rad);
        double sin = Math.sin(rad);
        int band = 0;
        int contact = 0;
        for (int r = 0; r < geometry.rows(); r++) {
            double wy = geometry.cellY(r) - pose.dyCm() - t.pivotY;
            for (int c = 0; c < geometry.cols(); c++) {
                double wx = geometry.cellX(c) - pose.dxCm() - t.pivotX;
                double tx = t.pivotX + cos * wx + sin * wy;
                double ty = t.pivotY - sin * wx + cos * wy;
                if (ty >= top && ty <= bottom && Math.abs(tx) <= halfWidth) {
                    band++;
                    contact += kPa[r * geometry.cols() + c] >= CONTACT_KPA ? 1 : 0;
                }
            }
        }
        return band == 0 ? Double.NaN : (double) contact / band;
    }

    private void add(Pose pose, double weight, float[] out) {
        Posture posture = pose.posture();
        double scale = weight * pose.load();
        if (posture == null || scale <= 0) {
            return;
        }
        if (posture == Posture.UNKNOWN) {
            throw new IllegalArgumentException("cannot draw posture UNKNOWN");
        }
        boolean mirror = posture == Posture.RIGHT;
        PostureTemplate t = templates.get(mirror ? Posture.LEFT : posture);
        float cBase = (float) scale;
        float cBreath = (float) (scale * BREATH_DEPTH * Math.sin(pose.breathPhase()));
        double aux = posture == Posture.STANDING ? pose.weightShift() : pose.lumbar();
        float cAux = (float) (scale * aux);
        // World -> template: undo the translation, then the rotation about the pivot. A mirrored
        // posture samples its twin at -x, so its pivot and motion are mirrored too.
        double rad = Math.toRadians(pose.rotationDeg());
        double cos = Math.cos(rad);
        double sin = Math.sin(rad);
        double px = mirror ? -t.pivotX : t.pivotX;
        double py = t.pivotY;
        double mx = mirror ? -1 : 1;
        double inv = 1 / PostureTemplate.RESOLUTION_CM;
        double colStep = geometry.colPitchMm() / 10;
        double rowStep = geometry.rowPitchMm() / 10;
        // Template grid coordinates are affine in (r, c): g = g00 + r * dR + c * dC.
        double wx0 = geometry.cellX(0) - pose.dxCm() - px;
        double wy0 = geometry.cellY(0) - pose.dyCm() - py;
        double gx00 = ((px + cos * wx0 + sin * wy0) * mx - t.x0) * inv;
        double gy00 = (py - sin * wx0 + cos * wy0 - t.y0) * inv;
        double gxC = cos * colStep * mx * inv;
        double gyC = -sin * colStep * inv;
        double gxR = sin * rowStep * mx * inv;
        double gyR = cos * rowStep * inv;
        int rows = geometry.rows();
        int cols = geometry.cols();
        int nx = t.nx;
        int maxX = t.nx - 1;
        int maxY = t.ny - 1;
        float[] d = t.data;
        int stride = nx * PostureTemplate.LAYERS;
        for (int r = 0; r < rows; r++) {
            double gx = gx00 + r * gxR;
            double gy = gy00 + r * gyR;
            int base = r * cols;
            for (int c = 0; c < cols; c++, gx += gxC, gy += gyC) {
                if (!(gx >= 0 && gy >= 0)) {
                    continue;
                }
                int ix = (int) gx;
                int iy = (int) gy;
                if (ix >= maxX || iy >= maxY) {
                    continue;
                }
                float fx = (float) (gx - ix);
                float fy = (float) (gy - iy);
                int i = (iy * nx + ix) * PostureTemplate.LAYERS;
                float w00 = (1 - fx) * (1 - fy);
                float w01 = fx * (1 - fy);
                float w10 = (1 - fx) * fy;
                float w11 = fx * fy;
                int j = i + stride;
                float b = w00 * d[i] + w01 * d[i + 3] + w10 * d[j] + w11 * d[j + 3];
                float br = w00 * d[i + 1] + w01 * d[i + 4] + w10 * d[j + 1] + w11 * d[j + 4];
                float ax = w00 * d[i + 2] + w01 * d[i + 5] + w10 * d[j + 2] + w11 * d[j + 5];
                float v = cBase * b + cBreath * br + cAux * ax;
                if (v > 0) {
                    out[base + c] += v;
                }
            }
        }
    }
}
