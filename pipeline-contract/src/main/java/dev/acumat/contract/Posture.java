package dev.acumat.contract;

import java.util.Locale;

/**
 * How a person is on the mat: the simulator's ground truth, and what the analytics find (the
 * values of the {@code posture} field on acumat.contact and in InfluxDB, docs/TOPICS.md). One
 * enum for both, so that a frame's truth and its analysis compare without a mapping.
 *
 * <ul>
 *   <li>SUPINE: on the back.</li>
 *   <li>PRONE: on the front.</li>
 *   <li>LEFT: lying on the left side (left shoulder and hip down), facing the person's former
 *       left, i.e. towards higher columns; the contact lies on the higher-column side of the
 *       mat's centre line.</li>
 *   <li>RIGHT: lying on the right side, the mirror image: contact on the lower-column side.</li>
 *   <li>SITTING: sitting on the mat, trunk up, legs stretched out towards the foot end.</li>
 *   <li>STANDING: standing on the mat with both feet, facing the head end (row 0).</li>
 *   <li>UNKNOWN: in between, while changing posture.</li>
 * </ul>
 */
public enum Posture {
    SUPINE, PRONE, LEFT, RIGHT, SITTING, STANDING, UNKNOWN;

    /** The lower-case name used in JSON and InfluxDB. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lying on the back, front or a side, where the lower back can be on the spikes (or face them). */
    public boolean lying() {
        return this == SUPINE || this == PRONE || this == LEFT || this == RIGHT;
    }
}
