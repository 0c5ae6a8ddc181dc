package dev.acumat.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Cache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/** Real RocksDB stores, configured as Kafka Streams configures them before it calls the setter. */
class BoundedRocksDBConfigTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Options as Kafka Streams' RocksDBStore makes them (its own 50 MB cache), then the setter. */
    private Options configured(String store, long budget) {
        Options options = new Options().setCreateIfMissing(true);
        BlockBasedTableConfigWithAccessibleCache table = new BlockBasedTableConfigWithAccessibleCache();
        table.setBlockCache(new org.rocksdb.LRUCache(50 * MIB));
        options.setTableFormatConfig(table);
        options.setWriteBufferSize(16 * MIB);
        options.setMaxWriteBufferNumber(3);
        new BoundedRocksDBConfig().setConfig(store, options, Map.of(BoundedRocksDBConfig.MEMORY_BYTES, budget));
        open.add(options);
        return options;
    }

    private RocksDB openStore(String store, long budget) throws RocksDBException {
        RocksDB db = RocksDB.open(configured(store, budget), dir.resolve(store).toString());
        open.add(db);
        return db;
    }

    private static Cache cacheOf(Options options) {
        return ((BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig()).blockCache();
    }

    @Test
    void everyStoreSharesOneCacheAndOneWriteBufferManagerOfTheBudget() {
        Options a = configured("a", 64 * MIB);
        Options b = configured("b", 64 * MIB);
        assertThat(cacheOf(a)).isSameAs(cacheOf(b));
        assertThat(a.writeBufferManager()).isNotNull().isSameAs(b.writeBufferManager());
        assertThat(cacheOf(configured("c", 96 * MIB))).as("another budget, another cache").isNotSameAs(cacheOf(a));
        BlockBasedTableConfigWithAccessibleCache table = (BlockBasedTableConfigWithAccessibleCache) a.tableFormatConfig();
        assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
        assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
        assertThat(a.writeBufferSize()).isEqualTo(2 * MIB);
        assertThat(a.maxWriteBufferNumber()).isEqualTo(2);
    }

    @Test
    void theStoresCacheIsTheBudgetAndTheirMemtablesAreChargedToIt() throws RocksDBException {
        long budget = 40 * MIB;
        RocksDB db = openStore("charged", budget);
        assertThat(db.getLongProperty("rocksdb.block-cache-capacity")).isEqualTo(budget);
        long before = db.getLongProperty("rocksdb.block-cache-usage");
        byte[] value = new byte[4096];
        new Random(1).nextBytes(value);
        try (WriteOptions w = new WriteOptions().setDisableWAL(true)) {
            for (int i = 0; i < 128; i++) {
                db.put(w, key(i), value);
            }
        }
        // Nothing was read: what the cache holds now is the memtable's reservation.
        assertThat(db.getLongProperty("rocksdb.block-cache-usage") - before).isGreaterThanOrEqualTo(MIB / 4);
    }

    @Test
    void theStoresMemtablesTogetherStayWithinTheirShareOfTheBudget() throws RocksDBException {
        // 28 stores, each written below its own memtable's size (1 MiB at this budget), so that no
        // store flushes by itself: 25 MiB in memtables without the write buffer manager, over their
        // 16. Round by round, as a commit writes the changed mats of every task.
        long budget = 32 * MIB;
        List<RocksDB> stores = new ArrayList<>();
        for (int s = 0; s < 28; s++) {
            stores.add(openStore("task-" + s, budget));
        }
        byte[] value = new byte[4096];
        new Random(2).nextBytes(value);
        try (WriteOptions w = new WriteOptions().setDisableWAL(true)) {
            for (int round = 0; round < 192; round++) {
                for (RocksDB db : stores) {
                    db.put(w, key(round), value);
                }
                if (round % 16 == 15) {
                    // A store can only flush its own memtables, and only one flush at a time:
                    // writes here come faster than a disk takes the flushes, a mat's once a second.
                    awaitFlushes(stores);
                }
            }
        }
        awaitFlushes(stores);
        long active = 0;
        for (RocksDB db : stores) {
            active += db.getLongProperty("rocksdb.cur-size-active-mem-table");
        }
        assertThat(active).isLessThanOrEqualTo(BoundedRocksDBConfig.memtableBudget(budget));
        for (RocksDB db : stores) {
            assertThat(db.get(key(191))).as("every write is there").isEqualTo(value);
        }
    }

    private static void awaitFlushes(List<RocksDB> stores) throws RocksDBException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (RocksDB db : stores) {
            while (db.getLongProperty("rocksdb.mem-table-flush-pending") > 0
                    || db.getLongProperty("rocksdb.num-running-flushes") > 0) {
                assertThat(System.nanoTime()).as("flushes done within 30 s").isLessThan(deadline);
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    @Test
    void closingOneStoreLeavesTheSharedCacheToTheOthers() throws RocksDBException {
        long budget = 48 * MIB;
        Options first = configured("first", budget);
        RocksDB other = openStore("other", budget);
        new BoundedRocksDBConfig().close("first", first);
        first.close();
        assertThat(cacheOf(configured("third", budget))).isSameAs(cacheOf(first));
        assertThat(cacheOf(first).isOwningHandle()).isTrue();
        other.put(key(1), key(2));
        assertThat(other.get(key(1))).isEqualTo(key(2));
    }

    @Test
    void theBudgetMustBeInTheStreamsConfiguration() {
        assertThatThrownBy(() -> new BoundedRocksDBConfig().setConfig("s", new Options(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(BoundedRocksDBConfig.MEMORY_BYTES);
        assertThatThrownBy(() -> BoundedRocksDBConfig.budget(Map.of(BoundedRocksDBConfig.MEMORY_BYTES, "64m")))
                .hasMessageContaining("got 64m");
    }

    @Test
    void aStoresMemtableIsASixteenthOfTheMemtablesShareWithinBounds() {
        assertThat(BoundedRocksDBConfig.memtableBytes(64 * MIB)).isEqualTo(2 * MIB);
        assertThat(BoundedRocksDBConfig.memtableBytes(32 * MIB)).isEqualTo(MIB);
        assertThat(BoundedRocksDBConfig.memtableBytes(8 * MIB)).isEqualTo(MIB);
        assertThat(BoundedRocksDBConfig.memtableBytes(64L << 30)).isEqualTo(64 * MIB);
    }

    private static byte[] key(int i) {
        return ("mat-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
