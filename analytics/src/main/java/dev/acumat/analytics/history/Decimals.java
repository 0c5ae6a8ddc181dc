package dev.acumat.analytics.history;

/**
 * How many decimals the history's numbers carry, in JSON and CSV alike: no more than what was
 * measured. Times come from frame times in milliseconds; shares from a count of cells; a centre
 * of pressure from cells some 2 cm apart. Sums in InfluxDB (224.0799999999897 s) print as
 * what they are (224.08).
 */
final class Decimals {
    private Decimals() {
    }

    /** Seconds, to the millisecond. */
    static double seconds(double s) {
        return round(s, 1e3);
    }

    /** A share of 0..1 (a coverage, a contact ratio), to four decimals. */
    static Double share(Double v) {
        return v == null ? null : round(v, 1e4);
    }

    /** A distance in cm, to the tenth of a millimetre. */
    static Double cm(Double v) {
        return v == null ? null : round(v, 1e2);
    }

    private static double round(double v, double scale) {
        return Double.isFinite(v) ? Math.round(v * scale) / scale : v;
    }
}
