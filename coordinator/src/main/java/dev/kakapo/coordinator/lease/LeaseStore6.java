package dev.kakapo.coordinator.lease;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Where DHCPv6 leases are made durable; the same contract as {@link LeaseStore4}: a returned
 * future completes only when the change is durable, and a REPLY granting a lease waits for it.
 */
public interface LeaseStore6 extends AutoCloseable {

    /** Every lease as last written, deletions applied. Called once, before serving. */
    Collection<Lease6> loadAll() throws IOException;

    /** Records the lease as it now is. */
    CompletableFuture<Void> persist(Lease6 lease);

    /** Records that the lease is gone. */
    CompletableFuture<Void> remove(Lease6 lease);

    @Override
    void close() throws IOException;
}
