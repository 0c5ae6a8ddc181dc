package dev.acumat.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * A server command's end: it runs until SIGINT or SIGTERM, then closes its parts in order and
 * returns, so that the JVM exits once everything is closed.
 */
final class StopSignal {
    private StopSignal() {
    }

    /**
     * Waits for the stop signal, then closes {@code parts} in order (nulls skipped); a failure to
     * close one is one line on standard error, naming {@code acumat COMMAND}, and the next is
     * closed all the same (the gateway's spool must be closed even when its metrics server fails).
     */
    static void await(String command, AutoCloseable... parts) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                closeAll(command, System.err, parts);
            } finally {
                stopped.countDown();
            }
        }, command + "-shutdown"));
        stopped.await();
    }

    /**
     * Closes {@code parts} in order, nulls skipped; each failure is one line on {@code err}, and
     * the next part is closed all the same.
     */
    static void closeAll(String command, PrintStream err, AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                err.println("acumat " + command + ": stopping: " + Acumat.describe(e));
            }
        }
    }
}
