package dev.acumat.analytics.body;

import java.util.Locale;

/** How a person is on the mat: the values of the {@code posture} field in InfluxDB. */
public enum Posture {
    SUPINE, PRONE, LEFT, RIGHT, SITTING, STANDING, UNKNOWN;

    /** The lower-case name used in JSON and InfluxDB. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lying on the back or front, where the lower back can be on the spikes (or face them). */
    public boolean lying() {
        return this == SUPINE || this == PRONE || this == LEFT || this == RIGHT;
    }
}
