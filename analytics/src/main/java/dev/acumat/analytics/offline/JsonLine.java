package dev.acumat.analytics.offline;

import java.util.Locale;

/** A JSON object on one line, written field by field; numbers that are not finite become null. */
final class JsonLine {
    private final StringBuilder sb = new StringBuilder(256).append('{');

    JsonLine field(String name, String value) {
        key(name);
        if (value == null) {
            sb.append("null");
        } else {
            sb.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        return this;
    }

    JsonLine field(String name, long value) {
        key(name);
        sb.append(value);
        return this;
    }

    JsonLine field(String name, boolean value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** A number rounded to {@code decimals}; NaN, infinities and null become null. */
    JsonLine field(String name, Double value, int decimals) {
        key(name);
        if (value == null || value.isNaN() || value.isInfinite()) {
            sb.append("null");
        } else {
            sb.append(String.format(Locale.ROOT, "%." + decimals + "f", value));
        }
        return this;
    }

    private void key(String name) {
        if (sb.length() > 1) {
            sb.append(',');
        }
        sb.append('"').append(name).append("\":");
    }

    @Override
    public String toString() {
        return sb.toString() + '}';
    }
}
