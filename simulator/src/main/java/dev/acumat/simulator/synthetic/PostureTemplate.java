package dev.acumat.simulator.synthetic;

import dev.acumat.contract.Posture;
import java.util.List;

/**
 * A posture's pressure field (kPa) precomputed once on a fine grid, so a frame costs a few
 * bilinear look-ups per cell instead of evaluating every blob. The three layers (base,
 * breathing, auxiliary) are interleaved per grid point so one look-up touches one cache line.
 *
 * <p>The field is averaged over a sensing element (80 % of the pitch in each direction), as a
 * force-sensitive resistor reports the mean pressure over its area rather than a point value.
 */
final class PostureTemplate {
    static final double RESOLUTION_CM = 0.5;
    static final int LAYERS = 3;
    /** Sensing element edge as a share of the pitch; the rest is the gap between elements. */
    static final double ELEMENT_FILL = 0.8;

    final double x0;
    final double y0;
    final int nx;
    final int ny;
    /** Interleaved layers: data[(iy * nx + ix) * LAYERS + layer]. */
    final float[] data;
    final double pivotX;
    final double pivotY;

    private PostureTemplate(double x0, double y0, int nx, int ny, float[] data, double pivotX, double pivotY) {
        this.x0 = x0;
        this.y0 = y0;
        this.nx = nx;
        this.ny = ny;
        this.data = data;
        this.pivotX = pivotX;
        this.pivotY = pivotY;
    }

    static PostureTemplate build(Posture posture, Body body, double rowPitchMm, double colPitchMm) {
        List<Blob> raw = Anatomy.blobs(posture);
        double baseShares = 0;
        for (Blob blob : raw) {
            if (blob.layer() == Anatomy.BASE) {
                baseShares += blob.share();
            }
        }
        double elemX = colPitchMm / 10 * ELEMENT_FILL;
        double elemY = rowPitchMm / 10 * ELEMENT_FILL;
        double margin = Math.max(elemX, elemY) + 2 * RESOLUTION_CM;
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        Blob[] blobs = new Blob[raw.size()];
        for (int i = 0; i < blobs.length; i++) {
            Blob b = raw.get(i).scaled(body);
            blobs[i] = b;
            minX = Math.min(minX, b.x() - b.reach());
            maxX = Math.max(maxX, b.x() + b.reach());
            minY = Math.min(minY, b.y() - b.reach());
            maxY = Math.max(maxY, b.y() + b.reach());
        }
        double x0 = minX - margin;
        double y0 = minY - margin;
        int nx = (int) Math.ceil((maxX + margin - x0) / RESOLUTION_CM) + 1;
        int ny = (int) Math.ceil((maxY + margin - y0) / RESOLUTION_CM) + 1;
        double[][] layers = new double[LAYERS][nx * ny];
        double weightN = body.weightN();
        double pointAreaM2 = RESOLUTION_CM * RESOLUTION_CM * 1e-4;
        for (Blob b : blobs) {
            stamp(b, layers[b.layer()], x0, y0, nx, ny, b.share() / baseShares * weightN / pointAreaM2 / 1000);
        }
        float[] data = new float[nx * ny * LAYERS];
        for (int l = 0; l < LAYERS; l++) {
            double[] smoothed = boxFilter(layers[l], nx, ny, elemX, elemY);
            for (int i = 0; i < nx * ny; i++) {
                data[i * LAYERS + l] = (float) smoothed[i];
            }
        }
        double[] pivot = Anatomy.pivot(posture);
        return new PostureTemplate(x0, y0, nx, ny, data, pivot[0] * body.lengthScale(), body.scaleY(pivot[1]));
    }

    /** Adds a blob whose integral over the grid equals kPaTimesPoints (so its force is its share). */
    private static void stamp(Blob b, double[] layer, double x0, double y0, int nx, int ny, double kPaTimesPoints) {
        int ix0 = Math.max(0, (int) Math.floor((b.x() - b.reach() - x0) / RESOLUTION_CM));
        int ix1 = Math.min(nx - 1, (int) Math.ceil((b.x() + b.reach() - x0) / RESOLUTION_CM));
        int iy0 = Math.max(0, (int) Math.floor((b.y() - b.reach() - y0) / RESOLUTION_CM));
        int iy1 = Math.min(ny - 1, (int) Math.ceil((b.y() + b.reach() - y0) / RESOLUTION_CM));
        double sum = 0;
        for (int iy = iy0; iy <= iy1; iy++) {
            for (int ix = ix0; ix <= ix1; ix++) {
                sum += b.unit(x0 + ix * RESOLUTION_CM, y0 + iy * RESOLUTION_CM);
            }
        }
        if (sum == 0) {
            return;
        }
        double scale = kPaTimesPoints / sum;
        for (int iy = iy0; iy <= iy1; iy++) {
            for (int ix = ix0; ix <= ix1; ix++) {
                layer[iy * nx + ix] += scale * b.unit(x0 + ix * RESOLUTION_CM, y0 + iy * RESOLUTION_CM);
            }
        }
    }

    /** Separable moving average over an element of widthX x widthY cm, with fractional end taps. */
    private static double[] boxFilter(double[] in, int nx, int ny, double widthX, double widthY) {
        double[] tmp = new double[in.length];
        double[] out = new double[in.length];
        smoothAlong(in, tmp, boxKernel(widthX), ny, nx, nx, 1);   // each row, along x
        smoothAlong(tmp, out, boxKernel(widthY), nx, 1, ny, nx);  // each column, along y
        return out;
    }

    /**
     * One pass of the separable filter: each of {@code lines} lines (the first cell of line n at
     * {@code n * lineStride}) of {@code length} cells, {@code step} apart, convolved with {@code
     * kernel}; taps past the line's ends count as zero.
     */
    private static void smoothAlong(double[] in, double[] out, double[] kernel, int lines, int lineStride, int length,
                                    int step) {
        int h = kernel.length / 2;
        for (int line = 0; line < lines; line++) {
            int first = line * lineStride;
            for (int i = 0; i < length; i++) {
                double s = 0;
                for (int k = -h; k <= h; k++) {
                    int j = i + k;
                    if (j >= 0 && j < length) {
                        s += kernel[k + h] * in[first + j * step];
                    }
                }
                out[first + i * step] = s;
            }
        }
    }

    /** Weights of grid points covered by a centred interval of the given width, summing to 1. */
    private static double[] boxKernel(double widthCm) {
        double half = widthCm / 2 / RESOLUTION_CM;
        int h = (int) Math.ceil(half + 0.5);
        double[] k = new double[2 * h + 1];
        double total = 0;
        for (int i = -h; i <= h; i++) {
            double lo = Math.max(i - 0.5, -half);
            double hi = Math.min(i + 0.5, half);
            double w = Math.max(0, hi - lo);
            k[i + h] = w;
            total += w;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        return k;
    }
}
