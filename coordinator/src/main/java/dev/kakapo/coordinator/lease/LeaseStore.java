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

    /**
     * {@link #persist} of a change the lease's block numbered {@code changeSeq}. Block numbers
     * grow with every change of a block, so a store shared by several nodes keeps the change with
     * the highest number when two nodes' writes of one lease arrive out of order. A store written
     * by one process only (the lease file) has its writes ordered already and may ignore it.
     */
    default CompletableFuture<Void> persist(L lease, long changeSeq) {
        return persist(lease);
    }

    /** {@link #remove} of a change its block numbered {@code changeSeq}; see {@link #persist(Object, long)}. */
    default CompletableFuture<Void> remove(L lease, long changeSeq) {
        return remove(lease);
    }

    @Override
    void close() throws IOException;
}
