package dev.acumat.analytics.influx;

/**
 * What the analytics hands to the InfluxDB sink: plain values, no influxdb-java types, so the
 * code that computes them needs to know nothing about InfluxDB. {@link InfluxSchema} turns each
 * into a point of the measurement {@link InfluxSchema} fixes.
 *
 * <p>Conventions shared by all of them: {@code timeMs} is the device's frame time in epoch
 * milliseconds, which makes a replayed write land on the same point (InfluxDB keys a point by
 * measurement, tags and time, and a second write replaces its fields); a null field is absent
 * and left out. A {@code double} that is NaN or infinite is left out too: InfluxDB rejects it,
 * and a whole request with it.
 *
 * <p>The contact, session and shift points are the very records of the analytics' topics
 * (docs/TOPICS.md), read back by the sink: one type for each fact from the analyzer to InfluxDB.
 */
public sealed interface SinkPoint permits ContactPoint, SessionPoint, ShiftPoint, HealthPoint {
    /** The mat id: the {@code mat} tag. */
    String mat();

    /** The point's time, epoch milliseconds. */
    long timeMs();

    /** Rejects what cannot be a mat id: null, blank, or with control characters (they would break line protocol). */
    static String checkMat(String mat) {
        if (mat == null || mat.isBlank()) {
            throw new IllegalArgumentException("mat id is missing");
        }
        for (int i = 0; i < mat.length(); i++) {
            if (Character.isISOControl(mat.charAt(i))) {
                throw new IllegalArgumentException("mat id has a control character: " + mat.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        return mat;
    }
}
