package dev.kakapo.coordinator.allocator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** Makes a reclamation cycle's block changes durable and lists the leases it reclaimed. */
final class Reclamation {
    private Reclamation() {
    }

    /**
     * Records every change; completes, once they are durable, with the leases reclaimed as they
     * were before (a flush of an already reclaimed lease is not a reclamation).
     *
     * @param live whether a removed lease was live (not already reclaimed) before the change
     */
    static <L> CompletableFuture<List<L>> record(Collection<List<BlockChange<L>>> results, LeaseJournal<L> journal,
                                                 Predicate<L> live) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<L> reclaimed = new ArrayList<>();
        for (List<BlockChange<L>> changes : results) {
            for (BlockChange<L> c : changes) {
                writes.add(journal.record(c));
                if (c.previous() != null) {
                    reclaimed.add(c.previous());
                } else if (live.test(c.lease())) {
                    reclaimed.add(c.lease());
                }
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> reclaimed);
    }
}
