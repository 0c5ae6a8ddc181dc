package dev.acumat.cli;

import dev.acumat.gateway.spool.DirectoryLock;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * One {@code demo} or {@code run} per data directory: the OS lock on {@value #FILE}, taken before
 * any port or server is touched and held for the life of the process. A second start on the same
 * directory once started a broker on the first one's Kafka folder and destroyed it. The file
 * names the owner (pid, command, web address, start time) so that the refusal can say who it is;
 * a file left by a killed owner does not block, since the OS lock went with its process.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "acumat.lock";

    private final DirectoryLock lock;
    private final String command;
    private final Instant since;

    private DataDirLock(DirectoryLock lock, String command, Instant since) {
        this.lock = lock;
        this.command = command;
        this.since = since;
    }

    /**
     * Creates the data directory where missing and takes its lock.
     *
     * @param command what runs, as the refusal names it ({@code acumat demo})
     * @param web     the web address as configured; {@link #web} replaces it once it is known
     * @throws IOException one line: the directory is unusable, or in use (naming its owner)
     */
    static DataDirLock take(Path dataDir, String command, String web, Instant now) throws IOException {
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-check", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("the data directory " + dataDir + " is not usable (" + Acumat.describe(e)
                    + "); pass --data-dir DIR", e);
        }
        try {
            return new DataDirLock(DirectoryLock.acquire(dataDir, FILE,
                    owner(ProcessHandle.current().pid(), command, web, now)), command, now);
        } catch (DirectoryLock.InUseException e) {
            throw new IOException(refusal(dataDir, e.holder(), ZoneId.systemDefault()), e);
        }
    }

    /** Writes the web address the server really listens on (a port of 0 was picked when it started). */
    void web(String web) throws IOException {
        lock.describe(owner(ProcessHandle.current().pid(), command, web, since));
    }

    /** The lock file's content: Java properties, for people and for the refusal. */
    static String owner(long pid, String command, String web, Instant since) {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("command", command);
        p.setProperty("web", web);
        p.setProperty("since", since.toString());
        StringWriter out = new StringWriter();
        try {
            p.store(out, "the acumat process that holds this data directory (released when it ends)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The one line a second start gets, naming the running owner as its lock file describes it. */
    static String refusal(Path dataDir, String holder, ZoneId zone) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(holder));
        } catch (IOException | IllegalArgumentException e) {
            p.clear();
        }
        StringBuilder who = new StringBuilder();
        String command = p.getProperty("command");
        who.append(command == null ? "another acumat" : "`" + command + "`");
        StringBuilder details = new StringBuilder();
        append(details, "pid ", p.getProperty("pid"));
        append(details, "web ", p.getProperty("web"));
        String since = p.getProperty("since");
        if (since != null) {
            try {
                append(details, "since ", DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(Instant.parse(since)));
            } catch (DateTimeParseException e) {
                // a file someone edited: the rest still names the owner
            }
        }
        if (details.length() > 0) {
            who.append(" (").append(details).append(')');
        }
        return "the data directory " + dataDir + " is in use by " + who + "; stop it first or give another --data-dir";
    }

    private static void append(StringBuilder details, String label, String value) {
        if (value != null && !value.isBlank()) {
            details.append(details.length() > 0 ? ", " : "").append(label).append(value);
        }
    }

    /** Releases the directory (the process's end does too). */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}
