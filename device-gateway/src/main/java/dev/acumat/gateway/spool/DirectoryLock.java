package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One owner per directory: an OS lock ({@link FileChannel#tryLock}) on a lock file in it, held
 * while the owner runs and released by the OS when its process ends, however it ends. The file
 * stays (deleting lock files races) and may carry a text naming the owner, so that a refused
 * second owner can say who holds the directory; a file left by a dead owner is only read, never
 * obeyed. The gateway's spool ({@code spool.lock}) and the launcher's data directory use it.
 */
public final class DirectoryLock implements AutoCloseable {
    /**
     * Lock files held by this JVM, with their owner texts. Checked before touching the file because
     * on Linux closing any channel on a file drops every lock the process holds on it, so a refused
     * second owner in the same JVM must not even open (or read) the file.
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;

    private DirectoryLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The directory is held by another owner; {@link #holder()} is what that owner wrote in the file. */
    public static final class InUseException extends IOException {
        private final transient String holder;

        InUseException(Path file, String holder) {
            super(file + " is locked by another owner");
            this.holder = holder;
        }

        /** The running owner's text, as it wrote it; empty when it wrote none (or had not yet). */
        public String holder() {
            return holder;
        }
    }

    /**
     * Takes the lock on {@code dir/fileName} and, when {@code owner} is not null, writes it as the
     * file's whole content.
     *
     * @param dir an existing directory
     * @throws InUseException when another owner (another process, or this one) holds it
     */
    public static DirectoryLock acquire(Path dir, String fileName, String owner) throws IOException {
        Path key = dir.toRealPath().resolve(fileName);
        String text = owner == null ? "" : owner;
        if (HELD.putIfAbsent(key, text) != null) {
            throw new InUseException(key, HELD.getOrDefault(key, ""));
        }
        try {
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new InUseException(key, readHolder(key));
            }
            DirectoryLock held = new DirectoryLock(key, channel);
            if (owner != null) {
                held.describe(owner);
            }
            return held;
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    /** Replaces the owner text (e.g. once the owner knows its final address). */
    public synchronized void describe(String owner) throws IOException {
        byte[] bytes = owner.getBytes(StandardCharsets.UTF_8);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(bytes), 0);
        channel.force(false);
        HELD.replace(file, owner);
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /**
     * The holder writes its text right after taking the lock: a read in between finds the file
     * empty (or still holding a dead owner's text), so an empty read is tried again briefly.
     */
    private static String readHolder(Path file) {
        String text = "";
        for (int attempt = 0; attempt < 5 && text.isEmpty(); attempt++) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return "";
            }
            if (text.isEmpty()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "";
                }
            }
        }
        return text;
    }

    /** Releases the lock (closing the channel does). Idempotent. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            try {
                channel.close();
            } finally {
                HELD.remove(file);
            }
        }
    }
}
