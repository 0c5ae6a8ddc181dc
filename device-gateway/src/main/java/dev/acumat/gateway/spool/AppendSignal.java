package dev.acumat.gateway.spool;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Wakes readers waiting for appends, without costing the appender a lock when nobody waits: the
 * common case, a sender that is behind, never waits.
 */
final class AppendSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile int waiters;

    /**
     * Waits until {@code done}, or {@code nanos} pass; true if done. A waiter raises
     * {@code waiters} before it tests {@code done}, and the appender makes {@code done} true
     * before it reads {@code waiters} in {@link #signal()}: both are volatile, so one of the two
     * sees the other and no wake-up is lost.
     */
    boolean await(BooleanSupplier done, long nanos) throws InterruptedException {
        lock.lock();
        try {
            waiters++;
            try {
                while (!done.getAsBoolean()) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = changed.awaitNanos(nanos);
                }
                return true;
            } finally {
                waiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** After an append (or close): wakes the waiters, if any. */
    void signal() {
        if (waiters == 0) {
            return;
        }
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
