package dev.acumat.analytics.body;

import dev.acumat.analytics.frame.MatSpec;
import dev.acumat.analytics.frame.PressureMap;
import java.util.function.BiPredicate;

/**
 * Pressure maps drawn by hand: elliptic bumps placed in body centimetres (x across from the
 * midline, towards higher columns; y from the top of the head), in raw counts of an
 * uncalibrated 12-bit mat (contact from 41 counts). Independent of the simulator.
 */
final class CraftedBody {
    /** A 32 x 20 mat at 22 mm whose top edge lies 25 cm below the top of the head: the trunk only. */
    static final MatSpec ACUPRESSURE = MatSpec.raw("acupressure", 32, 20, 22, 12);
    static final double ACUPRESSURE_TOP_CM = 25;
    /** A 64 x 32 mat at 28 mm reaching 2 cm past the head: the whole body. */
    static final MatSpec BED = MatSpec.raw("bed", 64, 32, 28, 12);
    static final double BED_TOP_CM = -2;

    final MatSpec spec;
    final double topCm;
    final float[] pressure;
    final boolean[] contact;
    private final double midlineCm;

    CraftedBody(MatSpec spec, double topCm) {
        this.spec = spec;
        this.topCm = topCm;
        this.pressure = new float[spec.cells()];
        this.contact = new boolean[spec.cells()];
        this.midlineCm = spec.cols() * spec.colPitchCm() / 2;
    }

    /** Mat row whose centre is nearest body y (cm from the top of the head). */
    int row(double bodyYCm) {
        return (int) Math.floor((bodyYCm - topCm) / spec.rowPitchCm());
    }

    /** Adds a bump (1 - d^2)^2 of peak {@code counts}, semi-axes a across and b along. */
    CraftedBody bump(double x, double y, double a, double b, double counts) {
        for (int r = 0; r < spec.rows(); r++) {
            double dy = (topCm + (r + 0.5) * spec.rowPitchCm() - y) / b;
            for (int c = 0; c < spec.cols(); c++) {
                double dx = ((c + 0.5) * spec.colPitchCm() - midlineCm - x) / a;
                double d2 = dx * dx + dy * dy;
                if (d2 < 1) {
                    pressure[r * spec.cols() + c] += (float) (counts * (1 - d2) * (1 - d2));
                }
            }
        }
        return this;
    }

    /** The same bump on both sides of the midline. */
    CraftedBody pair(double x, double y, double a, double b, double counts) {
        return bump(x, y, a, b, counts).bump(-x, y, a, b, counts);
    }

    /** Sets {@code counts} on every cell of rows r0..r1 that the pattern (row, col) picks. */
    CraftedBody pattern(int r0, int r1, BiPredicate<Integer, Integer> where, double counts) {
        for (int r = Math.max(0, r0); r <= Math.min(spec.rows() - 1, r1); r++) {
            for (int c = 0; c < spec.cols(); c++) {
                if (where.test(r, c)) {
                    pressure[r * spec.cols() + c] = (float) counts;
                }
            }
        }
        return this;
    }

    /** A supine adult of about 175 cm (landmarks after Drillis and Contini), lumbar band left empty. */
    CraftedBody supine() {
        bump(0, 11, 5, 6, 600);          // occiput
        pair(8.5, 39, 7, 10, 900);       // scapulae
        bump(0, 51, 13, 12, 300);        // ribs
        bump(0, 84, 6, 8, 1100);         // sacrum
        pair(8, 89, 9, 10, 500);         // buttocks
        pair(9, 110, 6, 13, 350);        // thighs
        pair(9, 142, 4.5, 10, 450);      // calves
        return pair(10, 170, 3, 3.5, 1500); // heels
    }

    /** Lying on the left side (facing higher columns): one shoulder, one hip, knees drawn forward. */
    CraftedBody left() {
        bump(7, 12, 4.5, 6, 500);        // side of the head
        bump(6, 36, 6, 8, 1400);         // shoulder
        bump(5.5, 52, 5, 12, 700);       // lateral ribs
        bump(6, 86, 7.5, 12, 900);       // pelvis
        bump(6, 84, 6.5, 8, 1500);       // greater trochanter
        bump(15, 108, 4.5, 15, 600);     // thigh, forward
        bump(24, 127, 3.5, 4, 1200);     // knee
        bump(21, 146, 3.5, 16, 500);     // shank
        return bump(21, 50, 3, 9, 300);  // forearm in front of the chest
    }

    /** Contact where the pressure reaches the mat's threshold. */
    PressureMap map() {
        float threshold = spec.calibration().contactThreshold();
        for (int i = 0; i < pressure.length; i++) {
            contact[i] = pressure[i] >= threshold;
        }
        return new PressureMap(spec, pressure, contact);
    }

    /** The map mirrored across the mat (column c becomes cols - 1 - c). */
    static PressureMap mirrored(PressureMap map) {
        int rows = map.rows();
        int cols = map.cols();
        float[] p = new float[rows * cols];
        boolean[] c = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                p[r * cols + cols - 1 - col] = map.pressure(r, col);
                c[r * cols + cols - 1 - col] = map.contact(r, col);
            }
        }
        return new PressureMap(map.spec(), p, c);
    }
}
