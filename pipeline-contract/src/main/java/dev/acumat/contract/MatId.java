package dev.acumat.contract;

import java.nio.charset.StandardCharsets;

/**
 * A mat's id, checked: 1..64 of {@code A-Z a-z 0-9 . _ : -} (the rule of PROTOCOL.md's
 * device-info). It is the key of every topic's records and the {@code mat} tag in InfluxDB, so
 * what comes from outside (a record's key, a request, a setting) is made a {@code MatId} where
 * it is read, and the code behind that point needs no check of its own.
 *
 * @param value the id as text
 */
public record MatId(String value) {
    /** The longest id, in characters (ASCII, so in bytes too). */
    public static final int MAX_LENGTH = 64;

    public MatId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a mat id (1.." + MAX_LENGTH
                    + " of A-Z a-z 0-9 . _ : -): " + printable(value));
        }
    }

    /** The id in {@code text}; throws IllegalArgumentException naming the rule when it is none. */
    public static MatId of(String text) {
        return new MatId(text);
    }

    /** The id a record's key holds (UTF-8), or null when the key is missing or no mat id. */
    public static MatId fromKey(byte[] key) {
        return key == null ? null : ofOrNull(new String(key, StandardCharsets.UTF_8));
    }

    /** The id in {@code text}, or null when it is none: for input that is dropped rather than refused. */
    public static MatId ofOrNull(String text) {
        return isValid(text) ? new MatId(text) : null;
    }

    /** Whether {@code text} is a mat id. */
    public static boolean isValid(CharSequence text) {
        if (text == null || text.length() == 0 || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The id as a record key. */
    public byte[] key() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Text that is no mat id, safe for one line of an error: control characters as '?', at most 80 characters. */
    private static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
