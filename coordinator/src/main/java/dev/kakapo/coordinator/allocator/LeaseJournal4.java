package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.LeaseStore4;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands block changes to the lease store in the order the blocks made them. Callbacks of
 * different entry processors may run on different threads, so two changes of one address could
 * reach the store swapped; the block's change number puts them back in order, and a change that
 * arrives after a newer one of the same address is already superseded and is not written.
 */
final class LeaseJournal4 {
    private final LeaseStore4 store;
    private final ConcurrentHashMap<Integer, Long> lastSeq = new ConcurrentHashMap<>();

    LeaseJournal4(LeaseStore4 store) {
        this.store = store;
    }

    CompletableFuture<Void> record(BlockChange change) {
        AtomicReference<CompletableFuture<Void>> written = new AtomicReference<>(CompletableFuture.completedFuture(null));
        lastSeq.compute(change.lease().address(), (address, last) -> {
            if (last != null && last > change.seq()) {
                return last;
            }
            // Enqueued inside compute, so the store sees one address's changes in sequence order.
            written.set(change.removed() ? store.remove(change.lease()) : store.persist(change.lease()));
            return change.seq();
        });
        return written.get();
    }
}
