package dev.kakapo.coordinator.allocator;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.query.Predicate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AllocatorMap} in this process's memory, for the all-in-one server. An entry processor
 * runs on the calling thread while it holds its key's stripe, which gives it what a Hazelcast
 * partition thread gives it — no other processor on that key at the same time — without handing
 * the call to another thread and back: a block operation takes microseconds, a hand-off more.
 * A failing processor completes the stage exceptionally, as Hazelcast's would.
 */
final class InProcessAllocatorMap<K, V> implements AllocatorMap<K, V> {
    /** Enough stripes that two event loops rarely meet on one; a power of two. */
    private static final int STRIPES = 256;

    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];

    InProcessAllocatorMap() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    private Object stripeOf(K key) {
        int h = key.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    @Override
    public <R> CompletionStage<R> submitToKey(K key, EntryProcessor<K, V, R> processor) {
        try {
            return CompletableFuture.completedFuture(executeOnKey(key, processor));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <R> R executeOnKey(K key, EntryProcessor<K, V, R> processor) {
        synchronized (stripeOf(key)) {
            return processor.process(new Entry(key, entries.get(key)));
        }
    }

    @Override
    public <R> Map<K, R> executeOnEntries(EntryProcessor<K, V, R> processor) {
        return executeOnEntries(processor, e -> true);
    }

    @Override
    public <R> Map<K, R> executeOnEntries(EntryProcessor<K, V, R> processor, Predicate<K, V> predicate) {
        Map<K, R> results = new HashMap<>();
        for (K key : entries.keySet()) {
            synchronized (stripeOf(key)) {
                V value = entries.get(key);
                if (value == null) {
                    continue; // removed since the key was listed
                }
                Entry entry = new Entry(key, value);
                if (predicate.apply(entry)) {
                    results.put(key, processor.process(entry));
                }
            }
        }
        return results;
    }

    @Override
    public CompletionStage<V> getAsync(K key) {
        return CompletableFuture.completedFuture(entries.get(key));
    }

    @Override
    public CompletionStage<Void> setAsync(K key, V value) {
        entries.put(key, value);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> more) {
        entries.putAll(more);
    }

    /** The entry a processor sees; setting a value stores it (null removes the entry), as in Hazelcast. */
    private final class Entry implements Map.Entry<K, V> {
        private final K key;
        private V value;

        Entry(K key, V value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return value;
        }

        @Override
        public V setValue(V next) {
            V before = value;
            value = next;
            if (next == null) {
                entries.remove(key);
            } else if (next != before) {
                // a block changed in place (the usual case) is already stored under its key
                entries.put(key, next);
            }
            return before;
        }
    }
}
