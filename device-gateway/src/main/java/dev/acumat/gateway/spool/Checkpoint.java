package dev.acumat.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The acknowledged offset on disk: one line of text, so an operator can read it,
 * {@code acumat-spool-checkpoint 1 acknowledged=<offset> crc32c=<8 hex digits>}, the CRC over
 * everything before " crc32c=". Replaced atomically: write a temporary file, force it, rename it
 * over the old one, force the directory. A reader sees the old checkpoint or the new, never half.
 */
final class Checkpoint {
    static final String FILE = "spool.checkpoint";
    static final String TEMP = "spool.checkpoint.tmp";
    private static final String HEAD = "acumat-spool-checkpoint 1 acknowledged=";
    private static final Pattern LINE = Pattern.compile("(" + Pattern.quote(HEAD) + "(-?\\d{1,19})) crc32c=([0-9a-f]{8})\n");

    /** {@link #read} found no checkpoint. */
    static final long NONE = Long.MIN_VALUE;
    /** {@link #read} found a checkpoint it cannot trust. */
    static final long DAMAGED = Long.MIN_VALUE + 1;

    private Checkpoint() {
    }

    /** The acknowledged offset, {@link #NONE} or {@link #DAMAGED}. */
    static long read(Path dir) throws IOException {
        String text;
        try {
            byte[] raw = Files.readAllBytes(dir.resolve(FILE));
            if (raw.length > 200) {
                return DAMAGED;
            }
            text = new String(raw, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return NONE;
        }
        Matcher m = LINE.matcher(text);
        if (!m.matches() || !crc(m.group(1)).equals(m.group(3))) {
            return DAMAGED;
        }
        try {
            long ack = Long.parseLong(m.group(2));
            return ack >= -1 ? ack : DAMAGED;
        } catch (NumberFormatException e) {
            return DAMAGED;
        }
    }

    static void write(Path dir, long acknowledged, Forcer forcer) throws IOException {
        String head = HEAD + acknowledged;
        byte[] line = (head + " crc32c=" + crc(head) + "\n").getBytes(StandardCharsets.UTF_8);
        Path temp = dir.resolve(TEMP);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            forcer.force(temp, ch, false);
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forcer.forceDirectory(dir);
    }

    private static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
