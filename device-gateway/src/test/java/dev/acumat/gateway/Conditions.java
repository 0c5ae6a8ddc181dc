package dev.acumat.gateway;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in tests, instead of sleeping for a guess. */
public final class Conditions {
    private Conditions() {
    }

    public static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            synchronized (monitor) {
                monitor.wait(5);
            }
        }
    }
}
