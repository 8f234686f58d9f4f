package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.LeaseNotDurableException;
import dev.kakapo.coordinator.lease.LeaseStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Hands block changes to the lease store in the order the blocks made them. Callbacks of
 * different entry processors may run on different threads, so two changes of one lease could
 * reach the store swapped; the block's change number puts them back in order, and a change that
 * arrives after a newer one of the same lease is already superseded and is not written.
 */
final class LeaseJournal<L> {
    private final Function<L, Object> identity;
    private final LeaseStore<L> store;
    private final ConcurrentHashMap<Object, Long> lastSeq = new ConcurrentHashMap<>();

    /**
     * @param identity what identifies a lease in the store (the address; for DHCPv6 with its type)
     */
    LeaseJournal(Function<L, Object> identity, LeaseStore<L> store) {
        this.identity = identity;
        this.store = store;
    }

    CompletableFuture<Void> record(BlockChange<L> change) {
        AtomicReference<CompletableFuture<Void>> written = new AtomicReference<>(CompletableFuture.completedFuture(null));
        lastSeq.compute(identity.apply(change.lease()), (key, last) -> {
            if (last != null && last > change.seq()) {
                return last;
            }
            // Enqueued inside compute, so the store sees one lease's changes in sequence order.
            written.set(change.removed() ? store.remove(change.lease(), change.seq()) : store.persist(change.lease(), change.seq()));
            return change.seq();
        });
        // Named for what it means to the exchange: whatever the store's reason, no answer may go out.
        return written.get().exceptionallyCompose(e -> CompletableFuture.failedFuture(new LeaseNotDurableException(
                (change.removed() ? "the removal of " : "") + change.lease(), e instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : e)));
    }
}
