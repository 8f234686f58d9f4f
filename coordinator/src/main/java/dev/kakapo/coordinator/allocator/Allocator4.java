package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease4;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv4 side of the partitioned allocator: what the packet path asks about addresses.
 * Every call is asynchronous; futures that grant or change a lease complete only once the
 * change is durable in the lease store.
 */
public interface Allocator4 extends AutoCloseable {

    /** DHCPDISCOVER: an address for the client, held briefly but not stored. Empty when the pools are full. */
    CompletableFuture<Optional<Lease4>> offer(LeaseRequest4 request);

    /** DHCPREQUEST: grants or renews the lease on {@code address}; a granted lease is on disk. */
    CompletableFuture<Commit<Lease4>> commit(LeaseRequest4 request, int address);

    /** The client's unexpired lease in the subnet, if any. */
    CompletableFuture<Optional<Lease4>> findLease(int subnetId, ClientIdentity4 client);

    /** The lease on {@code address} in the subnet, whoever holds it. */
    CompletableFuture<Optional<Lease4>> leaseAt(int subnetId, int address);

    /**
     * DHCPRELEASE: the client's lease as it was, once it is removed on disk; empty when the client
     * held none there. An offer the client holds on the address ends too (empty is returned when
     * that was all).
     */
    CompletableFuture<Optional<Lease4>> release(int subnetId, ClientIdentity4 client, int address);

    /**
     * DHCPDECLINE: the client's lease as it was, once the address is set aside for
     * {@code probationSeconds}; empty when the client held none there.
     */
    CompletableFuture<Optional<Lease4>> decline(int subnetId, ClientIdentity4 client, int address, long probationSeconds);

    /**
     * Reclaims expired leases (Kea's expired-leases-processing); returns the leases reclaimed,
     * as they were before reclamation.
     */
    CompletableFuture<List<Lease4>> reclaimExpired(int maxPerBlock, boolean remove, long holdReclaimedSeconds);

    @Override
    void close();
}
