package dev.kakapo.coordinator.lease;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Where leases ({@link Lease4} or {@link Lease6}) are made durable (Kea's LeaseMgr). The
 * allocator keeps the live state in memory; a store only has to persist each change and give
 * everything back on a cold start. Implementations batch concurrent writes (group commit); a
 * returned future completes only when the change is durable, and the server sends an ACK or
 * REPLY only after that.
 *
 * @param <L> the lease type
 */
public interface LeaseStore<L> extends AutoCloseable {

    /** Every lease as last written, deletions applied. Called once, before serving. */
    Collection<L> loadAll() throws IOException;

    /** Records the lease as it now is (new, renewed, declined, reclaimed). */
    CompletableFuture<Void> persist(L lease);

    /** Records that the lease is gone (released, or reclaimed with removal). */
    CompletableFuture<Void> remove(L lease);

    @Override
    void close() throws IOException;
}
