package dev.acumat.servers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A local server's log file ({@link LocalKafka#logFile()}, {@link LocalInflux#logFile()}), appended
 * across runs: rotation, marker lines between runs, and the errors and last lines of a run for
 * exception messages.
 */
final class ServerLog {
    private static final long ROTATE_BYTES = 10L * 1024 * 1024;
    private static final int TAIL_LINES = 20;
    /** A log line at ERROR level, as {@link BrokerConfig#LOGBACK_XML} formats it. */
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ \\S+ ERROR ");
    private static final int MAX_ERROR_LINES = 5;

    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Moves the log to {@code NAME.1} (replacing it) when it has grown above 10 MB. */
    void rotate() throws IOException {
        if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Appends a marker line and returns the log's size before it (where this run's output starts). */
    long appendMarker(String what) throws IOException {
        long offset = Files.exists(file) ? Files.size(file) : 0;
        String line = "---- acumat " + Instant.now() + ": " + what + "\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return offset;
    }

    /** The last lines written to the log since {@code offset}, formatted for an exception message. */
    String tail(long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            channel.position(Math.min(offset, channel.size()));
            byte[] bytes;
            try (InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readAllBytes();
            }
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            int tailStart = Math.max(0, lines.size() - TAIL_LINES);
            List<String> errors = new ArrayList<>();
            for (int i = 0; i < tailStart && errors.size() < MAX_ERROR_LINES; i++) {
                if (ERROR_LINE.matcher(lines.get(i)).find()) {
                    errors.add(lines.get(i));
                }
            }
            StringBuilder text = new StringBuilder();
            if (!errors.isEmpty()) {
                text.append("\n--- errors in ").append(file).append(" ---\n").append(String.join("\n", errors));
            }
            text.append("\n--- last lines of ").append(file).append(" ---\n")
                    .append(String.join("\n", lines.subList(tailStart, lines.size())));
            return text.toString();
        } catch (IOException e) {
            return " (log " + file + " unreadable: " + e + ")";
        }
    }
}
