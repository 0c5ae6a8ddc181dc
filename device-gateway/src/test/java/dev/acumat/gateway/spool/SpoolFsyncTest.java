package dev.acumat.gateway.spool;

import static dev.acumat.gateway.spool.SpoolTesting.appendNumbered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acumat.time.ManualTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each policy asks of the disk, counted through an injected forcer; nothing is timed. */
class SpoolFsyncTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(0, 0);
    private final SpoolTesting.CountingForcer forcer = new SpoolTesting.CountingForcer();

    private Spool open(FsyncPolicy policy) throws IOException {
        return Spool.open(dir, new SpoolConfig(1 << 20, 1 << 20, policy, Duration.ofMillis(200)), time, forcer);
    }

    @Test
    void alwaysForcesEveryAppendBeforeItReturns() throws IOException {
        try (Spool spool = open(FsyncPolicy.ALWAYS)) {
            for (int i = 1; i <= 25; i++) {
                appendNumbered(spool, i);
                assertThat(forcer.segmentForces).hasValue(i);
            }
        }
    }

    @Test
    void intervalForcesAtMostOncePerIntervalAndNeverInTheAppend() throws IOException {
        try (Spool spool = open(FsyncPolicy.INTERVAL)) {
            for (int i = 0; i < 25; i++) {
                appendNumbered(spool, i);
            }
            assertThat(forcer.segmentForces).hasValue(0);
            spool.housekeeper().step();
            assertThat(forcer.segmentForces).as("the interval has not passed").hasValue(0);

            time.advance(Duration.ofMillis(200));
            spool.housekeeper().step();
            assertThat(forcer.segmentForces).hasValue(1);
            spool.housekeeper().step();
            assertThat(forcer.segmentForces).as("nothing new to force").hasValue(1);

            appendNumbered(spool, 25);
            time.advance(Duration.ofMillis(199));
            spool.housekeeper().step();
            assertThat(forcer.segmentForces).hasValue(1);
            time.advance(Duration.ofMillis(1));
            spool.housekeeper().step();
            assertThat(forcer.segmentForces).hasValue(2);
        }
    }

    @Test
    void neverLeavesAppendsToTheOsButSyncAndCloseStillForce() throws IOException {
        Spool spool = open(FsyncPolicy.NEVER);
        for (int i = 0; i < 25; i++) {
            appendNumbered(spool, i);
        }
        time.advance(Duration.ofHours(1));
        spool.housekeeper().step();
        assertThat(forcer.segmentForces).hasValue(0);
        spool.sync();
        assertThat(forcer.segmentForces).hasValue(1);
        appendNumbered(spool, 25);
        spool.close();
        assertThat(forcer.segmentForces.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void rollingASegmentForcesItUnderEveryPolicy() throws IOException {
        try (Spool spool = Spool.open(dir, SpoolTesting.config(1 << 20, 1024), time, forcer)) {
            while (SpoolTesting.segmentFiles(dir).size() < 4) {
                appendNumbered(spool, spool.nextOffset());
            }
            assertThat(forcer.segmentForces).hasValue(3);
        }
    }

    @Test
    void theCheckpointIsWrittenAtMostOnceASecondAndAlwaysOnClose() throws IOException {
        Path checkpoint = dir.resolve(Checkpoint.FILE);
        Spool spool = open(FsyncPolicy.INTERVAL);
        for (int i = 0; i < 10; i++) {
            appendNumbered(spool, i);
        }
        spool.acknowledge(3);
        spool.housekeeper().step();
        assertThat(checkpoint).doesNotExist();  // not a second since open yet
        time.advance(Duration.ofSeconds(1));
        spool.housekeeper().step();
        assertThat(Files.readString(checkpoint)).contains("acknowledged=3 ");
        spool.acknowledge(5);
        time.advance(Duration.ofMillis(999));
        spool.housekeeper().step();
        assertThat(Files.readString(checkpoint)).contains("acknowledged=3 ");
        spool.acknowledge(7);
        spool.close();
        assertThat(Files.readString(checkpoint)).contains("acknowledged=7 ");
        assertThat(dir.resolve(Checkpoint.TEMP)).doesNotExist();
    }
}
