package dev.acumat.simulator;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads recordings in the replay format: one frame per line, rows x cols integers (0..65535)
 * row-major with row 0 at the head end, separated by tabs, spaces or commas; a trailing
 * separator, CRLF line ends, blank lines and lines starting with '#' are allowed. The PhysioNet
 * PMD files read as they are.
 *
 * <p>{@link #check} reads the whole file once, so a ragged line is reported before anything is
 * sent; {@link #open} then streams it frame by frame.
 */
public final class ReplayFile implements Closeable {
    /** What a full read found. */
    public record Summary(long frames, int maxValue) {
    }

    private final Path path;
    private final int cells;
    private final BufferedReader reader;
    private long lineNo;

    private ReplayFile(Path path, int cells) throws IOException {
        this.path = path;
        this.cells = cells;
        this.reader = Files.newBufferedReader(path, StandardCharsets.US_ASCII);
    }

    public static ReplayFile open(Path path, int rows, int cols) throws IOException {
        return new ReplayFile(path, rows * cols);
    }

    /** Reads every frame of {@code path}, checking each line; throws ReplayFormatException at the first bad one. */
    public static Summary check(Path path, int rows, int cols) throws IOException {
        int[] values = new int[rows * cols];
        long frames = 0;
        int max = 0;
        try (ReplayFile f = open(path, rows, cols)) {
            while (f.next(values)) {
                frames++;
                for (int v : values) {
                    max = Math.max(max, v);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (frames == 0) {
            throw new ReplayFormatException(path + ": no frames");
        }
        return new Summary(frames, max);
    }

    /** Reads the next frame into {@code values}; false at the end of the file. */
    public boolean next(int[] values) {
        String line;
        try {
            do {
                line = reader.readLine();
                lineNo++;
            } while (line != null && isSkippable(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null) {
            return false;
        }
        parse(line, values);
        return true;
    }

    private static boolean isSkippable(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#') {
                return true;
            }
            if (!isSeparator(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(char c) {
        return c == '\t' || c == ' ' || c == ',' || c == '\r';
    }

    private void parse(String line, int[] values) {
        int n = 0;
        int i = 0;
        int len = line.length();
        while (i < len) {
            char c = line.charAt(i);
            if (isSeparator(c)) {
                i++;
                continue;
            }
            int start = i;
            long v = 0;
            while (i < len && !isSeparator(line.charAt(i))) {
                char d = line.charAt(i);
                if (d < '0' || d > '9' || v > 0xFFFF) {
                    throw bad("'" + token(line, start) + "' is not a value in 0..65535");
                }
                v = v * 10 + (d - '0');
                i++;
            }
            if (v > 0xFFFF) {
                throw bad("'" + token(line, start) + "' is not a value in 0..65535");
            }
            if (n == cells) {
                throw bad("more than the " + cells + " values of rows x cols");
            }
            values[n++] = (int) v;
        }
        if (n != cells) {
            throw bad(n + " values, rows x cols needs " + cells);
        }
    }

    private static String token(String line, int start) {
        int end = start;
        while (end < line.length() && !isSeparator(line.charAt(end)) && end - start < 20) {
            end++;
        }
        return line.substring(start, end);
    }

    private ReplayFormatException bad(String what) {
        return new ReplayFormatException(path + " line " + lineNo + ": " + what);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
