package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one place the spool forces data to the disk. An interface so tests can count the calls
 * each {@link FsyncPolicy} makes without timing anything.
 */
@FunctionalInterface
interface Forcer {
    Forcer DEFAULT = (path, channel, metaData) -> channel.force(metaData);

    /** Forces {@code channel}, open on {@code path}. */
    void force(Path path, FileChannel channel, boolean metaData) throws IOException;

    /**
     * Forces a directory, so that files created, renamed or removed in it survive a power loss.
     * Where the platform cannot open a directory (Windows) there is nothing to force and this
     * does nothing; a failure of the force itself is thrown.
     */
    default void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException notSupported) {
            return;
        }
        try (channel) {
            force(dir, channel, true);
        }
    }
}
