package dev.acumat.cli;

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
     * close is one line on standard error, naming {@code acumat COMMAND}.
     */
    static void await(String command, AutoCloseable... parts) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                for (AutoCloseable part : parts) {
                    if (part != null) {
                        part.close();
                    }
                }
            } catch (Exception e) {
                System.err.println("acumat " + command + ": stopping: " + Acumat.describe(e));
            } finally {
                stopped.countDown();
            }
        }, command + "-shutdown"));
        stopped.await();
    }
}
