package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gateway per spool directory: an OS lock on {@code spool.lock}, held while the spool is open
 * and released by the OS if the process dies. The file itself stays (deleting lock files races).
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE = "spool.lock";

    /**
     * Directories locked by this JVM. Checked before touching the lock file because on Linux
     * closing any channel on a file drops every lock the process holds on it, so a refused second
     * open in the same JVM must not even open the file.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;

    private DirectoryLock(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /** @param dir an existing directory */
    static DirectoryLock acquire(Path dir) throws IOException {
        Path key = dir.toRealPath();
        if (!HELD.add(key)) {
            throw inUse(dir);
        }
        try {
            FileChannel channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw inUse(dir);
            }
            return new DirectoryLock(key, channel);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static IOException inUse(Path dir) {
        return new IOException("spool " + dir + " is in use by another gateway");
    }

    /** Releases the lock (closing the channel does). Idempotent. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            try {
                channel.close();
            } finally {
                HELD.remove(dir);
            }
        }
    }
}
