package dev.acumat.simulator;

import dev.acumat.protocol.CellOrder;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads recordings in the replay format: integers (0..65535) separated by tabs, spaces or
 * commas, row-major, a frame of {@code rows x cols} written either as one line (the line
 * layout: the PhysioNet PMD experiment I files) or as {@code rows} lines of {@code cols} values
 * (the matrix layout: the PMD experiment II files, one frame a file; here any number of frames,
 * one after the other). The first data line decides: {@code rows x cols} values make it the line
 * layout, {@code cols} values the matrix layout (when rows is 1 the two agree: the line layout).
 * A trailing separator, CRLF line ends, blank lines and lines starting with '#' are allowed
 * anywhere. A gzip-compressed file reads the same (known by its first bytes, not its name).
 *
 * <p>{@code rows} and {@code cols} describe the file as written. With a {@link CellOrder} the
 * frames come out in acumat's canonical order, {@link #rows()} x {@link #cols()}.
 *
 * <p>{@link #check} reads the whole file once, so a ragged line is reported before anything is
 * sent; {@link #open} then streams it frame by frame. {@link #stream} reads a FIFO or standard
 * input, once, with no check ahead.
 */
public final class ReplayFile implements Closeable {
    /** What a full read found. */
    public record Summary(long frames, int maxValue) {
    }

    /**
     * A frame's sequence number, device time and wall-clock time (microseconds since the epoch),
     * from the comment line an export writes before it ({@link ReplayHeader#FRAME_TIMES_MARK}).
     */
    public record FrameTimes(long sequence, long deviceTimeMicros, long timeMicros) {
    }

    /** Longer comments cannot be a frame-times line, so only this much of one is kept. */
    private static final int TIMES_LINE_MAX = 80;

    private final String path;
    private final int rows;
    private final int cols;
    private final CellOrder order;
    private final ReplayInput in;
    /** A frame as written, before its order is applied; null when the order moves nothing. */
    private final int[] written;
    private final String tooManyForALine;
    private final String tooManyForAMatrixLine;
    /** Null until the first data line shows which layout the file has. */
    private Boolean matrix;
    /** The line the reader is on, from 1. */
    private long line = 1;
    /** The line the last data line started on: what a count or a value is reported against. */
    private long dataLineNo;
    private int b;
    /** The first bytes of the token being read, for the message when it is no value. */
    private final StringBuilder token = new StringBuilder(24);
    private final StringBuilder comment = new StringBuilder(TIMES_LINE_MAX);
    /** The times of the comment line read since the last frame, then of the frame just read. */
    private FrameTimes pendingTimes;
    private FrameTimes times;

    private ReplayFile(String path, ReplayInput in, int rows, int cols, CellOrder order) {
        this.path = path;
        this.rows = rows;
        this.cols = cols;
        this.order = order;
        this.written = order.isNone() ? null : new int[rows * cols];
        this.tooManyForALine = "more than the " + rows * cols + " values of rows x cols";
        this.tooManyForAMatrixLine = "more than the " + cols + " values of cols on a line of a frame written as "
                + rows + " lines";
        this.in = in;
        this.b = in.read();
    }

    private static void checkGeometry(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be at least 1: " + rows + " x " + cols);
        }
    }

    /** Opens a recording whose frames are in acumat's order already. */
    public static ReplayFile open(Path path, int rows, int cols) throws IOException {
        return open(path, rows, cols, CellOrder.NONE);
    }

    /**
     * Opens a recording of {@code rows x cols} frames as written, handing them out through {@code order}.
     *
     * @throws java.nio.file.FileSystemException for a directory ("is a directory") or a missing file
     * @throws ReplayFormatException for gzip data that is damaged from the start
     */
    public static ReplayFile open(Path path, int rows, int cols, CellOrder order) throws IOException {
        checkGeometry(rows, cols);
        return new ReplayFile(path.toString(), ReplayInput.open(path), rows, cols, order);
    }

    /**
     * Reads a recording from a stream (a FIFO, standard input), named {@code name} in messages:
     * once, from its first byte, with no look ahead; a bad line is found when it is reached.
     * Closing the file closes the stream.
     */
    public static ReplayFile stream(InputStream stream, String name, int rows, int cols, CellOrder order)
            throws IOException {
        checkGeometry(rows, cols);
        return new ReplayFile(name, ReplayInput.open(stream, name), rows, cols, order);
    }

    /** Reads every frame of {@code path}, checking each line; throws ReplayFormatException at the first bad one. */
    public static Summary check(Path path, int rows, int cols) throws IOException {
        return check(path, rows, cols, CellOrder.NONE);
    }

    /** {@link #check(Path, int, int)} for a recording read through {@code order}. */
    public static Summary check(Path path, int rows, int cols, CellOrder order) throws IOException {
        int[] values = new int[rows * cols];
        long frames = 0;
        int max = 0;
        try (ReplayFile f = open(path, rows, cols, order)) {
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

    /** Rows of the frames handed out: the file's, or its columns under a transpose. */
    public int rows() {
        return order.outRows(rows, cols);
    }

    /** Columns of the frames handed out. */
    public int cols() {
        return order.outCols(rows, cols);
    }

    /** Reads the next frame into {@code values} (rows() x cols(), row-major); false at the end of the file. */
    public boolean next(int[] values) {
        int[] frame = written != null ? written : values;
        int cells = rows * cols;
        if (matrix == null) {
            int n = dataLine(frame, 0, cells, tooManyForALine);
            if (n < 0) {
                return false;
            }
            if (n == cells) {
                matrix = false;
            } else if (n == cols) {
                matrix = true;
                restOfMatrix(frame);
            } else {
                throw bad(n + " values, rows x cols needs " + cells + (rows > 1 ? " (or cols, " + cols
                        + ", on each of " + rows + " lines)" : ""));
            }
        } else if (!matrix) {
            int n = dataLine(frame, 0, cells, tooManyForALine);
            if (n < 0) {
                return false;
            }
            if (n != cells) {
                throw bad(n + " values, rows x cols needs " + cells);
            }
        } else {
            int n = dataLine(frame, 0, cols, tooManyForAMatrixLine);
            if (n < 0) {
                return false;
            }
            checkMatrixLine(n);
            restOfMatrix(frame);
        }
        if (written != null) {
            order.apply(written, rows, cols, values);
        }
        times = pendingTimes;
        pendingTimes = null;
        return true;
    }

    /**
     * The times of the frame {@link #next} read last, when the file gives them (an export's
     * {@code #@} line before it); null otherwise.
     */
    public FrameTimes times() {
        return times;
    }

    private void restOfMatrix(int[] frame) {
        for (int r = 1; r < rows; r++) {
            int n = dataLine(frame, r * cols, cols, tooManyForAMatrixLine);
            if (n < 0) {
                throw new ReplayFormatException(path + " line " + dataLineNo + ": the file ends in the middle of a"
                        + " frame written as " + rows + " lines (after " + r + " of them)");
            }
            checkMatrixLine(n);
        }
    }

    private void checkMatrixLine(int n) {
        if (n != cols) {
            throw bad(n + " values, a frame written as " + rows + " lines needs cols, " + cols + ", on each");
        }
    }

    /**
     * Reads the next data line into {@code dst[off..off+max)}, skipping blank and comment lines;
     * returns its number of values, or -1 at the end of the file.
     */
    private int dataLine(int[] dst, int off, int max, String tooMany) {
        while (true) {
            while (isSeparator(b)) {
                b = in.read();
            }
            if (b < 0) {
                return -1;
            }
            if (b == '\n') {
                nextLine();
                continue;
            }
            if (b == '#') {
                skipComment();
                continue;
            }
            break;
        }
        dataLineNo = line;
        int n = 0;
        while (b >= 0 && b != '\n') {
            if (isSeparator(b)) {
                b = in.read();
                continue;
            }
            int v = value();
            if (n == max) {
                throw bad(tooMany);
            }
            dst[off + n++] = v;
        }
        if (b == '\n') {
            nextLine();
        }
        return n;
    }

    private void nextLine() {
        line++;
        b = in.read();
    }

    private void skipComment() {
        comment.setLength(0);
        while (b >= 0 && b != '\n') {
            if (!ReplayInput.isCommentText(b)) {
                throw in.notText(b, line);
            }
            if (comment.length() < TIMES_LINE_MAX) {
                comment.append((char) b);
            }
            b = in.read();
        }
        if (comment.length() < TIMES_LINE_MAX && comment.indexOf(ReplayHeader.FRAME_TIMES_MARK + " ") == 0) {
            pendingTimes = frameTimes(comment.substring(ReplayHeader.FRAME_TIMES_MARK.length()).strip());
        }
    }

    /** A frame-times line's three numbers; a line that is not one stays a mere comment. */
    private static FrameTimes frameTimes(String text) {
        String[] f = text.split("\\s+");
        try {
            return f.length == 3 ? new FrameTimes(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]))
                    : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads one value starting at the current byte, up to the next separator or line end. */
    private int value() {
        token.setLength(0);
        int v = 0;
        while (b >= '0' && b <= '9') {
            v = Math.min(v * 10 + (b - '0'), 0x10000);
            if (token.length() < 20) {
                token.append((char) b);
            }
            b = in.read();
        }
        if (b >= 0 && b != '\n' && !isSeparator(b)) {
            throw notAValue();
        }
        if (v > 0xFFFF) {
            throw bad("'" + token + "' is not a value in 0..65535");
        }
        return v;
    }

    /** The error for a token that is no number: binary data is named as such, anything else quoted. */
    private ReplayFormatException notAValue() {
        for (int seen = 0; b >= 0 && b != '\n' && !isSeparator(b) && seen < 256; seen++) {
            if (!ReplayInput.isText(b)) {
                return in.notText(b, line);
            }
            if (token.length() < 20) {
                token.append((char) b);
            }
            b = in.read();
        }
        return bad("'" + token + "' is not a value in 0..65535");
    }

    private static boolean isSeparator(int c) {
        return c == '\t' || c == ' ' || c == ',' || c == '\r';
    }

    private ReplayFormatException bad(String what) {
        return new ReplayFormatException(path + " line " + dataLineNo + ": " + what);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
