package dev.acumat.analytics.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Puts every RocksDB store of the process under one memory budget ({@value #MEMORY_BYTES} in
 * the streams configuration, bytes): one block cache of that size shared by all stores, with the
 * memtables and the index and filter blocks charged to it. Kafka Streams' defaults are per store
 * (a 50 MB block cache, up to three 16 MB memtables, index and filters outside any cache), and
 * the mats' state has a store per task, 32 of them: their memtables alone could reach 1.5 GB.
 *
 * <p>Kafka Streams makes an instance of this class per store, by name; the cache and the write
 * buffer manager must be one for all of them, so they live in a static map keyed by the budget
 * and are never closed: they are the process's (a second Kafka Streams in the process with the
 * same budget shares them, which keeps the budget a per-process one).
 */
public final class BoundedRocksDBConfig implements RocksDBConfigSetter {
    /** The streams configuration key of the budget, in bytes (a {@link Number}). */
    public static final String MEMORY_BYTES = "acumat.rocksdb.memory.bytes";

    /**
     * The memtables' share of the budget. The mats' state is written (each mat once per commit)
     * far more than read (a mat's state is read when its task starts), so the memtables are
     * most of what RocksDB holds; the rest is for blocks read back and the index and filters.
     */
    static final double MEMTABLE_SHARE = 0.5;
    /** The cache's part kept for index and filter blocks, so data blocks do not push them out. */
    static final double INDEX_FILTER_SHARE = 0.1;
    /**
     * A store's memtable against the memtables' share: the write buffer manager flushes when the
     * stores together reach their share, so one store's memtable only needs to be large enough
     * for its flushes not to be tiny; 1/16 gives a few MB at the default budget.
     */
    static final int MEMTABLE_DIVISOR = 16;
    static final long MIN_MEMTABLE_BYTES = 1L << 20;
    static final long MAX_MEMTABLE_BYTES = 64L << 20;
    /** One memtable taking writes and one being flushed: more would only hold more memory. */
    static final int MEMTABLES_PER_STORE = 2;

    private static final ConcurrentMap<Long, Shared> SHARED = new ConcurrentHashMap<>();

    /** The objects every store of one budget uses. */
    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    /** Kafka Streams makes one per store, by class name. */
    public BoundedRocksDBConfig() {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long budget = budget(configs);
        Shared shared = shared(budget);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        // Index and filter blocks in the cache, charged to the budget, rather than on the heap of
        // each open table file outside any bound; kept at high priority, and the top level pinned,
        // so that reads do not fetch them again and again.
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setWriteBufferSize(memtableBytes(budget));
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are every store's: closing them here would pull
        // them from under the other stores. They live as long as the process.
    }

    /** The budget from the streams configuration; a missing or bad one is a mistake of the code. */
    static long budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_BYTES);
        if (!(value instanceof Number n) || n.longValue() <= 0) {
            throw new IllegalStateException(MEMORY_BYTES + " must be a positive number of bytes in the streams"
                    + " configuration with " + BoundedRocksDBConfig.class.getSimpleName() + ", got " + value);
        }
        return n.longValue();
    }

    /** A store's memtable size for {@code budget}. */
    static long memtableBytes(long budget) {
        long share = (long) (budget * MEMTABLE_SHARE) / MEMTABLE_DIVISOR;
        return Math.max(MIN_MEMTABLE_BYTES, Math.min(MAX_MEMTABLE_BYTES, share));
    }

    /** The memtables' share of {@code budget}, charged to the cache. */
    static long memtableBudget(long budget) {
        return (long) (budget * MEMTABLE_SHARE);
    }

    private static Shared shared(long budget) {
        return SHARED.computeIfAbsent(budget, b -> {
            // Not strict: a full cache that refused an insert would fail a read of the store,
            // which Kafka Streams takes for a broken store; the budget may be exceeded briefly.
            Cache cache = new LRUCache(b, -1, false, INDEX_FILTER_SHARE);
            return new Shared(cache, new WriteBufferManager(memtableBudget(b), cache));
        });
    }
}
