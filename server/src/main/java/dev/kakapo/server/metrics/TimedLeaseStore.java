package dev.kakapo.server.metrics;

import dev.kakapo.coordinator.lease.LeaseStore;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** A lease store whose writes are timed until durable ({@link CallTimers#timed}); everything else passes through. */
final class TimedLeaseStore<L> implements LeaseStore<L> {
    private final LeaseStore<L> store;
    private final CallTimers timers;

    TimedLeaseStore(LeaseStore<L> store, CallTimers timers) {
        this.store = store;
        this.timers = timers;
    }

    @Override
    public Collection<L> loadAll() throws IOException {
        return store.loadAll();
    }

    @Override
    public CompletableFuture<Void> persist(L lease) {
        return timers.timeStoreWrite(() -> store.persist(lease));
    }

    @Override
    public CompletableFuture<Void> remove(L lease) {
        return timers.timeStoreWrite(() -> store.remove(lease));
    }

    @Override
    public CompletableFuture<Void> persist(L lease, long changeSeq) {
        return timers.timeStoreWrite(() -> store.persist(lease, changeSeq));
    }

    @Override
    public CompletableFuture<Void> remove(L lease, long changeSeq) {
        return timers.timeStoreWrite(() -> store.remove(lease, changeSeq));
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
