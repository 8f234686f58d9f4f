package dev.kakapo.coordinator.allocator;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@link AllocatorMap} on a map of the coordinator cluster: each entry processor runs on the partition thread of its key. */
final class HazelcastAllocatorMap<K, V> implements AllocatorMap<K, V> {
    private final IMap<K, V> map;

    HazelcastAllocatorMap(IMap<K, V> map) {
        this.map = map;
    }

    @Override
    public <R> CompletionStage<R> submitToKey(K key, EntryProcessor<K, V, R> processor) {
        return map.submitToKey(key, processor);
    }

    @Override
    public <R> R executeOnKey(K key, EntryProcessor<K, V, R> processor) {
        return map.executeOnKey(key, processor);
    }

    @Override
    public <R> Map<K, R> executeOnEntries(EntryProcessor<K, V, R> processor) {
        return map.executeOnEntries(processor);
    }

    @Override
    public <R> Map<K, R> executeOnEntries(EntryProcessor<K, V, R> processor, Predicate<K, V> predicate) {
        return map.executeOnEntries(processor, predicate);
    }

    @Override
    public CompletionStage<V> getAsync(K key) {
        return map.getAsync(key);
    }

    @Override
    public CompletionStage<Void> setAsync(K key, V value) {
        return map.setAsync(key, value);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        map.putAll(entries);
    }
}
