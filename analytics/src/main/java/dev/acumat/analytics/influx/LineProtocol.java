package dev.acumat.analytics.influx;

import java.math.BigDecimal;

/**
 * The sink's fast path: a record's line protocol written straight into a buffer, byte for byte
 * what {@code InfluxSchema.point(record).lineProtocol(MILLISECONDS)} gives (InfluxSchemaTest
 * checks that), without building a {@link org.influxdb.dto.Point} (a sorted map and boxed values
 * per point) or formatting doubles with a {@code NumberFormat}. Measured on 5,000-point batches
 * this is what lifts the sink from about 0.6 to 0.8-0.9 of a raw POST (docs/PERFORMANCE.md).
 *
 * <p>Fields come as {@link InfluxSchema#fields} hands them, in influxdb-java's order (sorted by
 * name), so that the two stay comparable.
 */
final class LineProtocol implements InfluxSchema.Fields {
    private final StringBuilder out;

    private LineProtocol(StringBuilder out) {
        this.out = out;
    }

    /**
     * Appends the record's line and a newline; appends nothing and returns false when none of its
     * fields has a value.
     */
    static boolean append(StringBuilder out, SinkPoint record) {
        int start = out.length();
        out.append(InfluxSchema.measurement(record)).append(',').append(InfluxSchema.TAG_MAT).append('=');
        escapeKey(out, record.mat());
        out.append(' ');
        int fieldsStart = out.length();
        InfluxSchema.fields(record, new LineProtocol(out));
        if (out.length() == fieldsStart) {
            out.setLength(start);
            return false;
        }
        out.setCharAt(out.length() - 1, ' '); // the last field's comma
        out.append(record.timeMs()).append('\n');
        return true;
    }

    @Override
    public void integer(String name, long value) {
        out.append(name).append('=').append(value).append("i,");
    }

    @Override
    public void bool(String name, boolean value) {
        out.append(name).append('=').append(value).append(',');
    }

    @Override
    public void text(String name, String value) {
        if (value == null) {
            return;
        }
        out.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append("\",");
    }

    /** A float in plain notation with at least one decimal, as influxdb-java writes it; absent when not finite. */
    @Override
    public void number(String name, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        out.append(name).append('=');
        double magnitude = Math.abs(value);
        if (magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
            // Double.toString is plain in this range: shortest digits, at least one decimal.
            out.append(value);
        } else {
            String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
            out.append(plain);
            if (plain.indexOf('.') < 0) {
                out.append(".0");
            }
        }
        out.append(',');
    }

    /** Tag values: a backslash before space, comma and equals sign. */
    private static void escapeKey(StringBuilder out, String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ' || c == ',' || c == '=') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
