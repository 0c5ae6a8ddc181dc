package dev.acumat.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.time.Time;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's three threads at once, on a spool small enough to fill up and turn over many
 * times: the appender retries refused entries, so every entry must arrive exactly once, in order.
 * The acknowledger acknowledges only when the appender was refused, so the spool fills up on every
 * turn whatever the speeds of the threads.
 */
class SpoolConcurrencyTest {
    private static final int ENTRIES = 300_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)  // only against a hang
    void appenderReaderAndAcknowledgerTogetherLoseAndRepeatNothing() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong refusals = new AtomicLong();
        AtomicLong readUpTo = new AtomicLong(-1);
        Semaphore refused = new Semaphore(0);
        try (Spool spool = Spool.open(dir, SpoolTesting.config(1 << 20, 64 << 10), Time.SYSTEM)) {
            Thread appender = thread("appender", failure, () -> {
                for (long i = 0; i < ENTRIES; i++) {
                    for (;;) {
                        try {
                            SpoolTesting.appendNumbered(spool, i);
                            break;
                        } catch (SpoolFullException full) {
                            refusals.incrementAndGet();
                            refused.release();
                            Thread.yield();  // the gateway would count the frame as dropped; here it waits its turn
                        }
                    }
                }
            });
            Thread reader = thread("reader", failure, () -> {
                try (Spool.Reader r = spool.reader(0)) {
                    long expected = 0;
                    while (expected < ENTRIES) {
                        SpoolEntry e = r.next();
                        if (e == null) {
                            spool.awaitAppend(expected - 1, 1, TimeUnit.SECONDS);
                            continue;
                        }
                        assertThat(e.offset()).isEqualTo(expected);
                        if (!Arrays.equals(e.value(), SpoolTesting.value(expected))) {
                            throw new AssertionError("entry " + expected + " has the value of another");
                        }
                        readUpTo.set(expected);
                        expected++;
                    }
                    assertThat(r.next()).isNull();
                } finally {
                    refused.release();  // for the last acknowledgement
                }
            });
            Thread acknowledger = thread("acknowledger", failure, () -> {
                long acked = -1;
                for (int n = 0; acked < ENTRIES - 1 && failure.get() == null; n++) {
                    refused.acquire();
                    refused.drainPermits();
                    long upTo = readUpTo.get();
                    if (upTo > acked) {
                        spool.acknowledge(upTo);
                        acked = upTo;
                    }
                    if (n % 8 == 0) {
                        spool.sync();  // deletes segments while the others read and append
                    }
                }
            });
            for (Thread t : new Thread[] {appender, reader, acknowledger}) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("a thread failed", failure.get());
            }
            assertThat(spool.nextOffset()).isEqualTo(ENTRIES);
            assertThat(spool.acknowledged()).isEqualTo(ENTRIES - 1);
            assertThat(refusals.get()).as("the spool fills up before anything is acknowledged").isPositive();
            spool.sync();
            assertThat(SpoolTesting.segmentFiles(dir)).hasSize(1);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /** Starts a thread that keeps the first failure of any of them. */
    private static Thread thread(String name, AtomicReference<Throwable> failure, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, name);
        t.start();
        return t;
    }
}
