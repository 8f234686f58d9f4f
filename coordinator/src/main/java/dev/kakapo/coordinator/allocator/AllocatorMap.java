package dev.kakapo.coordinator.allocator;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One of the allocator's maps (its blocks or its client index) and the few operations the
 * allocator runs on it. Two homes: the coordinators' Hazelcast map, partitioned and backed up
 * across members, and this process's memory, for the all-in-one server, where the same entry
 * processors run on the calling thread and complete at once.
 *
 * @param <K> the key
 * @param <V> the value
 */
interface AllocatorMap<K, V> {

    /** A map of the coordinator cluster. */
    static <K, V> AllocatorMap<K, V> of(IMap<K, V> map) {
        return new HazelcastAllocatorMap<>(map);
    }

    /** A map held in this process only. */
    static <K, V> AllocatorMap<K, V> inProcess() {
        return new InProcessAllocatorMap<>();
    }

    /** Runs {@code processor} atomically on {@code key}'s entry; the stage completes with its result. */
    <R> CompletionStage<R> submitToKey(K key, EntryProcessor<K, V, R> processor);

    /** As {@link #submitToKey}, waiting for the result. */
    <R> R executeOnKey(K key, EntryProcessor<K, V, R> processor);

    /** Runs {@code processor} on every entry, each atomically; its results by key. */
    <R> Map<K, R> executeOnEntries(EntryProcessor<K, V, R> processor);

    /** As above, on the entries {@code predicate} selects. */
    <R> Map<K, R> executeOnEntries(EntryProcessor<K, V, R> processor, Predicate<K, V> predicate);

    CompletionStage<V> getAsync(K key);

    CompletionStage<Void> setAsync(K key, V value);

    void putAll(Map<? extends K, ? extends V> entries);
}
