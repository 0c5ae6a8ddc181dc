package dev.acumat.simulator;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A serial device or pty opened as a file, or standard output for {@code --port -}. No serial
 * library is needed to write a pty; a real device should be put in raw mode first (the
 * launcher runs {@code stty raw -echo} on character devices).
 */
public final class FilePortLink implements PortLink {
    private final OutputStream out;
    private final InputStream in;

    private FilePortLink(OutputStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    /** Opens {@code path} for writing, and for reading the host's requests. */
    public static FilePortLink open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException("no such port: " + path);
        }
        FileOutputStream out = new FileOutputStream(path.toFile());
        try {
            return new FilePortLink(out, new FileInputStream(path.toFile()));
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    /** Standard output; nothing is read back. Unlike System.out it reports a closed pipe instead of hiding it. */
    public static FilePortLink stdout() {
        return new FilePortLink(new FileOutputStream(FileDescriptor.out), null);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buf) throws IOException {
        return in == null ? -1 : in.read(buf);
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            if (in != null) {
                in.close();
            }
        }
    }
}
