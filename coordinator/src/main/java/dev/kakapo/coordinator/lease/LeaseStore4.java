package dev.kakapo.coordinator.lease;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Where DHCPv4 leases are made durable (Kea's LeaseMgr). The allocator keeps the live state in
 * memory; a store only has to persist each change and give everything back on a cold start.
 * Implementations batch concurrent writes (group commit); a returned future completes only when
 * the change is durable, and the server sends an ACK only after that.
 */
public interface LeaseStore4 extends AutoCloseable {

    /** Every lease as last written, deletions applied. Called once, before serving. */
    Collection<Lease4> loadAll() throws IOException;

    /** Records the lease as it now is (new, renewed, declined, reclaimed). */
    CompletableFuture<Void> persist(Lease4 lease);

    /** Records that the lease is gone (released, or reclaimed with removal). */
    CompletableFuture<Void> remove(Lease4 lease);

    @Override
    void close() throws IOException;
}
