package dev.acumat.gateway.input;

import java.util.Locale;

/**
 * Cuts a byte stream into text lines and reads each as a row of whole numbers. Lines end at LF,
 * CR or CRLF; values are separated by any run of commas, semicolons, tabs and spaces, and
 * separators at either end are ignored. Blank lines and lines starting with '#' are skipped; a
 * line of names (every field starts with a letter, '_' or a quote) is a header, skipped too.
 * Values are whole numbers ("+5" and "-5" read, the range is the caller's to check); "1.5",
 * "1e3" or "Frame:" make the line no frame. A line is never longer than {@code maxLineBytes}
 * in memory: past that it is reported once as {@link Kind#TOO_LONG} and skipped to its end.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class TextLineDecoder {
    /** Why a line is not a row of values. */
    public enum Kind {
        /** A line of names, or a '#' comment: skipped, not counted. */
        HEADER,
        /** A byte that is in no text line (a control byte, a NUL, a byte of the binary protocol). */
        NOT_TEXT,
        /** A field that is not a whole number. */
        NOT_A_NUMBER,
        /** No line end within the limit. */
        TOO_LONG
    }

    /** What the decoder makes of each line; called on the decoding thread. */
    public interface Sink {
        /**
         * A line of {@code count} whole numbers; the first {@code min(count, values.length)} are in
         * {@code values}, each clamped to +-1,000,000,000. The array is reused for the next line.
         */
        void onValues(int[] values, int count);

        /** A line that is not a row of values, with one human-readable line saying why. */
        void onOther(Kind kind, String detail);
    }

    private static final int CLAMP = 1_000_000_000;
    private static final int QUOTE = 20;

    private final byte[] line;
    private final int[] values;
    private int length;
    private boolean discarding;
    private boolean lastWasCr;

    /**
     * @param capacity     values kept of a line (the mat's cells); more are counted, not kept
     * @param maxLineBytes the longest line read; a longer one is dropped as {@link Kind#TOO_LONG}
     */
    public TextLineDecoder(int capacity, int maxLineBytes) {
        this.values = new int[capacity];
        this.line = new byte[maxLineBytes];
    }

    /** Forgets a partial line, as after reopening a port. */
    public void reset() {
        length = 0;
        discarding = false;
        lastWasCr = false;
    }

    /** Feeds a chunk of any size; lines may be split across chunks anywhere. */
    public void feed(byte[] chunk, int off, int len, Sink sink) {
        for (int i = off; i < off + len; i++) {
            byte b = chunk[i];
            if (b == '\n' || b == '\r') {
                boolean crlf = b == '\n' && lastWasCr;
                lastWasCr = b == '\r';
                if (!crlf) {
                    endOfLine(sink);
                }
                continue;
            }
            lastWasCr = false;
            if (discarding) {
                continue;
            }
            if (length == line.length) {
                discarding = true;
                length = 0;
                sink.onOther(Kind.TOO_LONG, "a line longer than " + line.length + " bytes");
                continue;
            }
            line[length++] = b;
        }
    }

    private void endOfLine(Sink sink) {
        if (discarding) {
            discarding = false;
            return;
        }
        int n = length;
        length = 0;
        parse(n, sink);
    }

    private void parse(int n, Sink sink) {
        int start = 0;
        while (start < n && isSeparator(line[start])) {
            start++;
        }
        int end = n;
        while (end > start && isSeparator(line[end - 1])) {
            end--;
        }
        if (start == end) {
            return;  // blank
        }
        for (int i = start; i < end; i++) {
            if (!isText(line[i])) {
                sink.onOther(Kind.NOT_TEXT, String.format(Locale.ROOT, "byte 0x%02x is no text", line[i] & 0xFF));
                return;
            }
        }
        if (line[start] == '#') {
            sink.onOther(Kind.HEADER, "a comment");
            return;
        }
        int count = 0;
        int words = 0;
        int fields = 0;
        String firstBad = null;
        int i = start;
        while (i < end) {
            int from = i;
            while (i < end && !isSeparator(line[i])) {
                i++;
            }
            fields++;
            int v = number(from, i);
            if (v != Integer.MIN_VALUE) {
                if (count < values.length) {
                    values[count] = v;
                }
                count++;
            } else if (isWordStart(line[from])) {
                words++;
                firstBad = firstBad == null ? quote(from, i) : firstBad;
            } else if (firstBad == null) {
                firstBad = quote(from, i);
            }
            while (i < end && isSeparator(line[i])) {
                i++;
            }
        }
        if (words == fields) {
            sink.onOther(Kind.HEADER, "a line of names");
        } else if (count < fields) {
            sink.onOther(Kind.NOT_A_NUMBER, "'" + firstBad + "' is not a whole number");
        } else {
            sink.onValues(values, count);
        }
    }

    /** The field {@code [from, to)} as a whole number, clamped; Integer.MIN_VALUE when it is none. */
    private int number(int from, int to) {
        int i = from;
        boolean negative = false;
        if (line[i] == '+' || line[i] == '-') {
            negative = line[i] == '-';
            i++;
        }
        if (i == to) {
            return Integer.MIN_VALUE;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                return Integer.MIN_VALUE;
            }
            v = Math.min(v * 10 + d, CLAMP);
        }
        return (int) (negative ? -v : v);
    }

    private String quote(int from, int to) {
        return new String(line, from, Math.min(to - from, QUOTE), java.nio.charset.StandardCharsets.US_ASCII)
                + (to - from > QUOTE ? "..." : "");
    }

    private static boolean isWordStart(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b == '_' || b == '"' || b == '\'';
    }

    static boolean isSeparator(byte b) {
        return b == ',' || b == ';' || b == '\t' || b == ' ';
    }

    /** Printable ASCII and tab: what a line of a text mat is made of (line ends are cut before). */
    static boolean isText(byte b) {
        return (b >= 0x20 && b < 0x7f) || b == '\t';
    }
}
