package dev.acumat.simulator;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of a recording, as {@link ReplayFile} and {@link ReplayHeader} read them: gzip data
 * (known by its magic bytes, whatever the name) unpacked on the way, a UTF-8 byte order mark at
 * the start skipped, and the words for what is wrong with a file that is no text recording.
 */
final class ReplayInput implements Closeable {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final String path;
    private final boolean gzip;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    private ReplayInput(String path, boolean gzip, InputStream in) {
        this.path = path;
        this.gzip = gzip;
        this.in = in;
    }

    /**
     * Opens {@code path}; a directory is refused as one rather than failing at the first read.
     *
     * @throws ReplayFormatException when gzip data is damaged from its first bytes
     */
    static ReplayInput open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "is a directory");
        }
        return open(Files.newInputStream(path), path.toString());
    }

    /**
     * Reads a recording from a stream (a FIFO, standard input) named {@code name} in messages,
     * from its first byte to its end, once; closing the input closes the stream.
     *
     * @throws ReplayFormatException when gzip data is damaged from its first bytes
     */
    static ReplayInput open(InputStream stream, String name) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(stream, 1 << 16);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
            raw.reset();
            ReplayInput input;
            try {
                input = new ReplayInput(name, gzip, gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
            } catch (ZipException | EOFException e) {
                throw damaged(name, e);
            }
            input.skipByteOrderMark();
            return input;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private void skipByteOrderMark() {
        fill();
        if (limit >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
    }

    /** The next byte (0..255), or -1 at the end. */
    int read() {
        if (pos == limit) {
            fill();
            if (pos == limit) {
                return -1;
            }
        }
        return buf[pos++] & 0xFF;
    }

    private void fill() {
        pos = 0;
        limit = 0;
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            limit = Math.max(n, 0);
        } catch (ZipException | EOFException e) {
            if (gzip) {
                throw damaged(path, e);
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a byte belongs in a text recording outside its comments: printable ASCII, tab, CR, LF. */
    static boolean isText(int b) {
        return (b >= 0x20 && b < 0x7f) || b == '\t' || b == '\r' || b == '\n';
    }

    /** Whether a byte belongs in a comment line: text, or any byte of a UTF-8 character. */
    static boolean isCommentText(int b) {
        return isText(b) || b >= 0x80;
    }

    /** The error for a byte that no text recording has, met on {@code line}. */
    ReplayFormatException notText(int b, long line) {
        String where = String.format(Locale.ROOT, "byte 0x%02x on line %d", b, line);
        return new ReplayFormatException(gzip
                ? path + ": gzip-compressed, but not a text recording inside (" + where + ")"
                : path + ": not a text recording (" + where + "); a recording is lines of numbers, plain or gzip");
    }

    private static ReplayFormatException damaged(String path, IOException e) {
        return new ReplayFormatException(path + ": damaged gzip data (" + e.getMessage() + ")");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
