package dev.acumat.analytics.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The mats' state store: a persistent, changelog-backed key-value store of each mat's encoded
 * state, in front of which a mat's state is written once per commit rather than once per frame.
 * The processor marks a mat changed at every frame; the encoding runs when Kafka Streams flushes
 * the task's stores, which it does right before it sends the changelog and commits the
 * transaction with the input offsets. So the changelog holds, at every commit, exactly the state
 * after the frames the commit records as read, as it did when every frame was written through,
 * for a 25th of the encoding at 25 Hz and a mat's state encoded once a second, not 25 times.
 *
 * <p>The hook is the flush of store caches ({@code CachedStateStore#flushCache}, through
 * {@link WrappedStateStore}), an internal interface of Kafka Streams: AnalyticsTopologyTest
 * checks that a commit puts the state in the store, so an upgrade that moves the hook fails
 * there rather than in production.
 */
final class MatStateStore extends WrappedStateStore<KeyValueStore<String, byte[]>, String, byte[]> {
    private final Map<String, Supplier<byte[]>> changed = new LinkedHashMap<>();

    private MatStateStore(KeyValueStore<String, byte[]> inner) {
        super(inner);
    }

    /** The store's builder: RocksDB with a changelog, no cache (this store writes once per commit itself). */
    static StoreBuilder<MatStateStore> builder(String name) {
        return new Builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled());
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // A task revived after a failure starts from what the changelog restored.
        changed.clear();
        super.init(context, root);
    }

    /** The stored state of a mat, as of the last commit, or null. */
    byte[] get(String matId) {
        return wrapped().get(matId);
    }

    /** Marks a mat's state changed: {@code state} is asked for its encoding at the next commit. */
    void changed(String matId, Supplier<byte[]> state) {
        changed.put(matId, state);
    }

    /** Every stored mat, as of the last commit. */
    KeyValueIterator<String, byte[]> all() {
        return wrapped().all();
    }

    @Override
    public void flushCache() {
        for (Map.Entry<String, Supplier<byte[]>> e : changed.entrySet()) {
            wrapped().put(e.getKey(), e.getValue().get());
        }
        changed.clear();
        super.flushCache();
    }

    @Override
    public void close() {
        changed.clear();
        super.close();
    }

    /** Builds the inner store as configured and puts this store in front of it. */
    private record Builder(StoreBuilder<KeyValueStore<String, byte[]>> inner) implements StoreBuilder<MatStateStore> {
        @Override
        public StoreBuilder<MatStateStore> withCachingEnabled() {
            throw new UnsupportedOperationException("the mat state store writes once per commit itself");
        }

        @Override
        public StoreBuilder<MatStateStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<MatStateStore> withLoggingEnabled(Map<String, String> config) {
            return new Builder(inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<MatStateStore> withLoggingDisabled() {
            return new Builder(inner.withLoggingDisabled());
        }

        @Override
        public MatStateStore build() {
            return new MatStateStore(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
