package dev.acumat.gateway.spool;

import static dev.acumat.gateway.spool.SpoolTesting.appendNumbered;
import static dev.acumat.gateway.spool.SpoolTesting.config;
import static dev.acumat.gateway.spool.SpoolTesting.readAll;
import static dev.acumat.gateway.spool.SpoolTesting.segmentNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acumat.time.ManualTime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRetentionTest {
    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(0, 0);

    /** The base offsets of the segment files, from their names. */
    private List<Long> bases() throws IOException {
        return segmentNames(dir).stream().map(n -> Long.parseLong(n.substring(0, 20))).toList();
    }

    @Test
    void acknowledgingDeletesOnlySegmentsWhoseEveryEntryIsAcknowledged() throws IOException {
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            for (int i = 0; i < 60; i++) {
                appendNumbered(spool, i);
            }
            List<Long> bases = bases();
            assertThat(bases).hasSizeGreaterThanOrEqualTo(4).startsWith(0L);
            long second = bases.get(1);
            long third = bases.get(2);

            spool.acknowledge(second - 2);  // all but the last entry of the first segment
            spool.sync();
            assertThat(bases()).isEqualTo(bases);

            spool.acknowledge(second - 1);  // exactly the first segment
            spool.sync();
            assertThat(bases()).isEqualTo(bases.subList(1, bases.size()));

            spool.acknowledge(third + 1);  // into the third: the second goes, the third stays
            spool.sync();
            assertThat(bases()).isEqualTo(bases.subList(2, bases.size()));
            assertThat(readAll(spool, third + 2)).extracting(SpoolEntry::offset).first().isEqualTo(third + 2);

            long sizeBefore = spool.sizeBytes();
            spool.acknowledge(59);  // everything: the active segment is kept all the same
            spool.sync();
            assertThat(bases()).containsExactly(bases.get(bases.size() - 1));
            assertThat(spool.sizeBytes()).isLessThan(sizeBefore).isLessThanOrEqualTo(1024);
            assertThat(spool.pendingEntries()).isZero();
            assertThat(appendNumbered(spool, 60).offset()).isEqualTo(60);
        }
    }

    @Test
    void aReaderBehindTheAcknowledgementSkipsDeletedSegments() throws IOException {
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            for (int i = 0; i < 60; i++) {
                appendNumbered(spool, i);
            }
            try (Spool.Reader reader = spool.reader(0)) {
                assertThat(reader.next().offset()).isZero();
                spool.acknowledge(40);
                spool.sync();
                long firstKept = bases().get(0);
                long read = 1;
                // The open segment keeps being read; after it, the reader goes on with what is kept.
                for (SpoolEntry e = reader.next(); e != null; e = reader.next()) {
                    read = e.offset();
                }
                assertThat(read).isEqualTo(59);
                assertThat(firstKept).isGreaterThan(1);
            }
            try (Spool.Reader reader = spool.reader(1)) {
                assertThat(reader.next().offset()).isEqualTo(bases().get(0));
            }
        }
    }

    @Test
    void aFullSpoolRefusesTheNewEntryKeepsTheOldAndTakesMoreOnceAcknowledgedSpaceIsFree() throws IOException {
        try (Spool spool = Spool.open(dir, config(4096, 1024), time)) {
            long accepted = 0;
            SpoolFullException full = null;
            while (full == null) {
                try {
                    appendNumbered(spool, accepted);
                    accepted++;
                } catch (SpoolFullException e) {
                    full = e;
                }
            }
            assertThat(full.maxBytes()).isEqualTo(4096);
            assertThat(full.sizeBytes() + full.entryBytes()).isGreaterThan(4096);
            assertThat(full).hasMessageContaining("spool is full");
            assertThat(spool.sizeBytes()).isLessThanOrEqualTo(4096);
            assertThatThrownBy(() -> appendNumbered(spool, 999)).isInstanceOf(SpoolFullException.class);
            assertThat(spool.nextOffset()).isEqualTo(accepted);
            assertThat(readAll(spool, 0)).hasSize((int) accepted);

            spool.acknowledge(0);  // frees no whole segment
            assertThatThrownBy(() -> appendNumbered(spool, 999)).isInstanceOf(SpoolFullException.class);

            spool.acknowledge(accepted / 2);  // frees at least one: the append itself reclaims it
            assertThat(appendNumbered(spool, accepted).offset()).isEqualTo(accepted);
            assertThat(readAll(spool, accepted / 2 + 1)).extracting(SpoolEntry::offset)
                    .containsExactlyElementsOf(SpoolRoundTripTest.range(accepted / 2 + 1, accepted + 1));
        }
    }

    @Test
    void aSpoolOfOneSegmentStillTurnsOver() throws IOException {
        try (Spool spool = Spool.open(dir, config(1024, 1024), time)) {
            long i = 0;
            for (int round = 0; round < 5; round++) {
                try {
                    for (;; i++) {
                        appendNumbered(spool, i);
                    }
                } catch (SpoolFullException expected) {
                    spool.acknowledge(i - 1);
                }
            }
            assertThat(i).isGreaterThan(40);
            assertThat(appendNumbered(spool, i).offset()).isEqualTo(i);
        }
    }

    @Test
    void acknowledgementsOnlyMoveForwardAndOnlyOverAppendedEntries() throws IOException {
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            assertThat(spool.acknowledged()).isEqualTo(-1);
            assertThatThrownBy(() -> spool.acknowledge(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("next offset is 0");
            for (int i = 0; i < 10; i++) {
                appendNumbered(spool, i);
            }
            spool.acknowledge(6);
            spool.acknowledge(3);
            assertThat(spool.acknowledged()).isEqualTo(6);
            assertThat(spool.pendingEntries()).isEqualTo(3);
            assertThatThrownBy(() -> spool.acknowledge(10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> spool.acknowledge(-2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anEntryLargerThanASegmentIsRefusedAsAnError() throws IOException {
        try (Spool spool = Spool.open(dir, config(1 << 20, 1024), time)) {
            assertThatThrownBy(() -> spool.append("t", null, new byte[1024], 0, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment bytes");
            assertThat(spool.nextOffset()).isZero();
            assertThat(spool.sizeBytes()).isZero();
        }
    }
}
