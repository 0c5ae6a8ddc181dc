package dev.acumat.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** The log file of a process a test started: read whole for assertions, and attached to a failed wait. */
final class ProcessLog {
    private ProcessLog() {
    }

    static String log(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits up to 90 seconds for a condition; on a timeout the failure carries the log. The bound
     * is generous: a broker just restarted by another test takes a while on a loaded machine.
     */
    static void waitLogged(String what, Path log, BooleanSupplier condition) throws InterruptedException {
        waitLogged(90, what, log, condition);
    }

    /** Waits up to {@code seconds} for a condition; on a timeout the failure carries the log. */
    static void waitLogged(int seconds, String what, Path log, BooleanSupplier condition) throws InterruptedException {
        try {
            Processes.waitFor(what, seconds, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; log " + log + ":\n" + log(log), e);
        }
    }
}
