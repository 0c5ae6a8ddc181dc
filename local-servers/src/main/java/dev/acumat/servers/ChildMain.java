package dev.acumat.servers;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the child JVMs this module starts: {@code ChildMain MAIN_CLASS [ARGS...]} runs
 * {@code MAIN_CLASS.main(ARGS)} and exits as soon as its standard input reaches end of file.
 *
 * <p>The parent keeps the child's standard input open as a pipe for as long as it lives. A JVM
 * shutdown hook cannot run when the parent is killed with SIGKILL (a test-run timeout, a user's
 * {@code kill -9}); the pipe closes all the same, so the child notices and shuts down (gracefully
 * through {@link System#exit}, forcibly after 30 s) instead of living on as an orphan that holds
 * ports, a data-directory lock and half a gigabyte of memory.
 */
final class ChildMain {
    /** How long a graceful exit may take once the parent has gone, before the JVM halts. */
    private static final long HALT_AFTER_MS = 30_000;

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ChildMain MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(ChildMain::exitWhenParentGoes, "acumat-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenParentGoes() {
        byte[] buffer = new byte[256];
        try (InputStream in = System.in) {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything that arrives is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of file: the parent is gone.
        }
        System.err.println("acumat: stdin closed (the parent JVM stopped this process or is gone), exiting");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(3);
        }, "acumat-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(3);
    }
}
