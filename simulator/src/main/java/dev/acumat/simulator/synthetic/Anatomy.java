package dev.acumat.simulator.synthetic;

import dev.acumat.contract.Posture;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact anatomy of each posture as blobs, for the 175 cm / 70 kg reference body lying in
 * the world of {@link MatGeometry} (y from the vertex down, x towards the person's left).
 *
 * <p>Longitudinal landmarks follow the segment proportions of Drillis and Contini as tabulated
 * by Winter (Biomechanics and Motor Control of Human Movement): acromion 0.818 H, chest 0.72 H,
 * iliac crest about 0.6 H, greater trochanter 0.53 H, knee 0.285 H, foot length 0.152 H. Weight
 * shares follow Dempster's segment masses (head 8 %, trunk 50 %, arms 2 x 5 %, thighs 2 x 10 %,
 * shanks 2 x 4.7 %, feet 2 x 1.5 %), distributed to the contact sites that carry them; the
 * lumbar arch carries almost nothing. Sizes were then chosen so that the peaks land in the
 * ranges reported by interface-pressure mapping studies (see SIMULATOR.md).
 */
final class Anatomy {
    static final int BASE = 0;
    static final int BREATH = 1;
    static final int AUX = 2;

    private Anatomy() {
    }

    /** The blobs of a posture; RIGHT is LEFT mirrored. */
    static List<Blob> blobs(Posture posture) {
        switch (posture) {
            case SUPINE:
                return supine();
            case PRONE:
                return prone();
            case LEFT:
                return left();
            case RIGHT:
                return mirror(left());
            case SITTING:
                return sitting();
            case STANDING:
                return standing();
            default:
                throw new IllegalArgumentException("no anatomy for posture " + posture);
        }
    }

    /** The point a pose's rotation turns about, reference world cm {x, y}. */
    static double[] pivot(Posture posture) {
        switch (posture) {
            case LEFT:
                return new double[] {SIDE_X, 70};
            case RIGHT:
                return new double[] {-SIDE_X, 70};
            case SITTING:
                return new double[] {0, 88};
            case STANDING:
                return new double[] {0, STANCE_Y};
            default:
                return new double[] {0, 70};
        }
    }

    /** Lying on the side, the body ends up this far towards the side it lies on. */
    static final double SIDE_X = 6;
    static final double STANCE_Y = 60.2;

    private static List<Blob> supine() {
        Builder b = new Builder();
        b.flat(0, 11, 5, 6, 0.075);                 // occiput
        b.pair().peak(8.5, 39, 7, 10, 0.075);       // scapulae
        b.flat(0, 51, 13, 12, 0.09);                // ribs and thoracic spine
        b.peak(0, 50, 2, 13, 0.01);                 // spinous processes
        b.pair().peak(5.5, 64, 4.5, 5, 0.005);      // paraspinals above the lordosis apex (L3)
        b.pair().peak(6, 76, 4.5, 4, 0.005);        // and below it, towards the iliac crests
        b.peak(0, 84, 6, 8, 0.06);                  // sacrum
        b.pair().flat(8, 89, 9, 10, 0.095);         // buttocks
        b.pair().flat(9, 110, 6, 13, 0.055);        // thighs
        b.pair().flat(9, 142, 4.5, 10, 0.045);      // calves
        b.pair().peak(10, 170, 3, 3.5, 0.022);      // heels
        b.pair().flat(27, 52, 3.5, 10, 0.02);       // upper arms
        b.pair().peak(27.5, 66, 3, 3.5, 0.01);      // elbows
        b.pair().flat(28, 80, 3.5, 9, 0.02);        // forearms and hands
        b.layer(BREATH).pair().peak(8.5, 39, 7, 10, 0.075);
        b.layer(BREATH).flat(0, 51, 13, 12, 0.09);
        b.layer(AUX).peak(0, 68.5, 16, 9.5, 0.08);  // the arch flattening onto the mat
        return b.blobs;
    }

    private static List<Blob> prone() {
        Builder b = new Builder();
        b.flat(-3, 12, 5, 6, 0.06);                 // face turned to the right
        b.pair().flat(8, 42, 8, 9, 0.08);           // chest
        b.peak(0, 44, 3, 8, 0.015);                 // sternum
        b.flat(0, 64, 11, 11, 0.09);                // epigastrium and abdomen
        b.pair().peak(9, 80, 5, 5.5, 0.04);         // anterior superior iliac spines
        b.flat(0, 89, 9, 6, 0.04);                  // pubis
        b.pair().flat(9, 108, 6.5, 13, 0.07);       // thighs
        b.pair().peak(9, 128, 4, 4.5, 0.035);       // knees
        b.pair().flat(9, 146, 3.5, 11, 0.03);       // shins
        b.pair().peak(9, 173, 3, 3.5, 0.012);       // toes and dorsum
        b.pair().flat(25, 62, 3.5, 10, 0.035);      // forearms alongside
        b.layer(BREATH).pair().flat(8, 42, 8, 9, 0.08);
        b.layer(BREATH).flat(0, 64, 11, 11, 0.09);
        b.layer(AUX).flat(0, 70, 12, 6, 0.015);     // belly settling lower
        return b.blobs;
    }

    /** On the left side, facing +x: knees drawn forward, the lower arm in front of the chest. */
    private static List<Blob> left() {
        Builder b = new Builder();
        double s = SIDE_X;
        b.flat(s + 1, 12, 4.5, 6, 0.06);            // side of the head
        b.peak(s, 36, 6, 8, 0.08);                  // shoulder
        b.flat(s - 0.5, 52, 5, 12, 0.09);           // lateral ribs
        b.peak(s, 68, 3, 5, 0.01);                  // waist
        b.flat(s, 86, 7.5, 12, 0.11);               // pelvis
        b.peak(s, 84, 6.5, 8, 0.07);                // greater trochanter
        b.angle(24.8).flat(s + 9, 107.5, 4.5, 15, 0.09);   // thigh, hip to knee
        b.peak(s + 18, 127, 3.5, 4, 0.035);         // knee
        b.angle(-9).flat(s + 15, 146, 3.5, 16, 0.05);      // shank
        b.peak(s + 11, 169, 3, 5, 0.025);           // ankle and foot
        b.flat(s + 15, 50, 3, 9, 0.03);             // forearm in front
        b.layer(BREATH).peak(s, 36, 6, 8, 0.08);
        b.layer(BREATH).flat(s - 0.5, 52, 5, 12, 0.09);
        b.layer(AUX).flat(s, 68, 3.5, 7, 0.015);    // waist sagging onto the mat
        return b.blobs;
    }

    /** Long sitting: trunk upright over the ischia, legs stretched towards the foot end. */
    private static List<Blob> sitting() {
        Builder b = new Builder();
        b.pair().peak(6, 90, 5, 5.5, 0.12);         // ischial tuberosities
        b.flat(0, 86, 15, 9, 0.26);                 // buttocks
        b.peak(0, 81, 3.5, 4, 0.008);               // coccyx
        b.pair().flat(9, 107, 6.5, 13, 0.09);       // thighs
        b.pair().flat(9, 142, 4.5, 10, 0.05);       // calves
        b.pair().peak(10, 171, 3, 3.5, 0.03);       // heels
        b.layer(BREATH).flat(0, 86, 15, 9, 0.10);
        b.layer(AUX).peak(0, 80, 4, 5, 0.03);       // slumping: weight rolls back onto the sacrum
        b.layer(AUX).pair().peak(6, 90, 5, 5.5, -0.015);
        return b.blobs;
    }

    /** Two feet, toes towards row 0, 20 cm apart centre to centre, toes out by 7 degrees. */
    private static List<Blob> standing() {
        Builder b = new Builder();
        for (int side = -1; side <= 1; side += 2) {
            foot(b, BASE, side, 1);
            foot(b, AUX, side, side);               // weight shift moves load between the feet
        }
        for (int side = -1; side <= 1; side += 2) {
            double fx = 10 * side;
            double rad = Math.toRadians(7 * side);
            double sin = Math.sin(rad);
            double cos = Math.cos(rad);
            // Sway: load rocks between heels and forefeet.
            b.layer(BREATH).angle(-7 * side).flat(fx - 8.5 * sin, STANCE_Y + 8.5 * cos, 3.4, 4.2, 0.2);
            b.layer(BREATH).angle(-7 * side).flat(fx + 5.5 * sin, STANCE_Y - 5.5 * cos, 4.4, 3.2, -0.2);
        }
        return b.blobs;
    }

    private static void foot(Builder b, int layer, int side, double sign) {
        double fx = 10 * side;
        double rad = Math.toRadians(7 * side);
        double sin = Math.sin(rad);
        double cos = Math.cos(rad);
        // Offsets along the foot (towards the heel +) and across it (outwards +), then toed out.
        double[][] parts = {
            // along, out, a, b, share
            {8.5, 0, 3.6, 4.5, 0.25},       // heel
            {1, 2.5, 1.8, 5, 0.04},         // lateral midfoot
            {-5.5, 0, 4.4, 3.2, 0.17},      // metatarsal heads
            {-10.5, -1, 3, 2, 0.04},        // toes
        };
        for (double[] p : parts) {
            double out = p[1] * side;
            double x = fx + out * cos - p[0] * sin;
            double y = STANCE_Y + p[0] * cos + out * sin;
            b.layer(layer).angle(-7 * side).flat(x, y, p[2], p[3], p[4] * sign);
        }
    }

    private static List<Blob> mirror(List<Blob> blobs) {
        List<Blob> out = new ArrayList<>(blobs.size());
        for (Blob blob : blobs) {
            out.add(blob.mirrored());
        }
        return out;
    }

    /** Collects blobs; layer, angle and pairing apply to the next blob only. */
    private static final class Builder {
        final List<Blob> blobs = new ArrayList<>();
        private int layer = BASE;
        private double angle;
        private boolean pair;

        Builder layer(int l) {
            layer = l;
            return this;
        }

        Builder angle(double deg) {
            angle = deg;
            return this;
        }

        /** The next blob and its mirror image across the midline (left and right). */
        Builder pair() {
            pair = true;
            return this;
        }

        void peak(double x, double y, double a, double b, double share) {
            add(x, y, a, b, share, false);
        }

        void flat(double x, double y, double a, double b, double share) {
            add(x, y, a, b, share, true);
        }

        private void add(double x, double y, double a, double b, double share, boolean flat) {
            Blob blob = new Blob(layer, x, y, a, b, angle, share, flat);
            blobs.add(blob);
            if (pair) {
                blobs.add(blob.mirrored());
            }
            layer = BASE;
            angle = 0;
            pair = false;
        }
    }
}
