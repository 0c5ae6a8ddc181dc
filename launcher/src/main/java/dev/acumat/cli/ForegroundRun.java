package dev.acumat.cli;

import dev.acumat.analytics.web.AccessToken;
import dev.acumat.analytics.web.BindAddress;
import dev.acumat.gateway.InputConfig;
import dev.acumat.gateway.MatLayoutOverride;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code demo} and {@code run} in the foreground: the data directory's lock first, the log into
 * it, the system started with its address lines, then the status line until Ctrl-C or SIGTERM,
 * which stop everything in reverse order, losing nothing.
 */
final class ForegroundRun {
    private ForegroundRun() {
    }

    /**
     * @param command  the command as the lock names it, e.g. {@code acumat run}
     * @param baud     the mat's UART rate, for the gateway
     * @param matId    the gateway's mat id override, or null
     * @param input what the mat's port carries (the gateway's mat-input options)
     * @param layout the cell order and kind the gateway states for the mat, or null for the mat's own
     */
    static int run(CommandLine commandLine, String command, LocalSystemOptions o, int baud, String matId,
                   InputConfig input, MatLayoutOverride layout, LocalSystem.MatLink mat) throws Exception {
        HostPort web;
        AccessToken token;
        try {
            web = HostPort.parse("--http", o.http);
            token = o.httpToken.token(System.getenv());
            BindAddress.check("--http", web.host(), token);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
        Path data = o.dataDir();
        PrintStream out = System.out;
        // First of all: a second start on this directory must not touch its servers' folders or ports.
        DataDirLock lock = DataDirLock.take(data, command, "http://" + HostPort.forUrl(web.host()) + ":"
                + web.port() + "/", Instant.now());
        Files.createDirectories(data.resolve("logs"));
        DemoLog.toFile(data.resolve("logs").resolve("demo.log"));
        LocalSystem system = new LocalSystem(new LocalSystem.Options(data, web.host(), web.port(), token,
                o.kafka.bootstrap, o.influx.url, o.influx.db, baud, matId, input, layout));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            out.println();
            out.println("stopping...");
            system.close();
            out.println("stopped; the data stays in " + data);
            out.flush();
            stopped.countDown();
        }, "local-system-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            system.start(mat, out);
            lock.web(system.webUrl());
        } catch (Exception e) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C while starting: the stopper is stopping what started and says so.
                stopped.await();
                return 130;
            }
            system.close();
            throw e;
        }
        statusLoop(system, out, stopped);
        // Held until everything has stopped: an unreachable channel may be closed by the GC, which frees the lock.
        java.lang.ref.Reference.reachabilityFence(lock);
        return 0;
    }

    /** One line updated in place on a terminal; a line every few seconds otherwise (a log, a pipe). */
    private static void statusLoop(LocalSystem system, PrintStream out, CountDownLatch stopped)
            throws InterruptedException {
        boolean terminal = System.console() != null;
        long every = terminal ? 1 : 5;
        while (!stopped.await(every, TimeUnit.SECONDS)) {
            String line = system.status();
            if (stopped.getCount() == 0) {
                return;
            }
            if (terminal) {
                out.print("\r\033[2K" + line);
            } else {
                out.println("status: " + line);
            }
            out.flush();
        }
    }
}
