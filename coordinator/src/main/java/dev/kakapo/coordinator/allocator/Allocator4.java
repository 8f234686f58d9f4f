package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Lease4;
import java.util.List;
import java.util.Map;
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

    /**
     * Leases per subnet id, counted over every block (the statistics' assigned- and
     * declined-addresses). Blocks the caller's thread while the cluster counts: for the control
     * API and metrics, not the packet path.
     */
    Map<Integer, LeaseCounts> countLeases();

    /** Every lease of subnet {@code subnetId} (0: of every subnet), in any state; blocks like {@link #countLeases}. */
    List<Lease4> leases(int subnetId);

    /**
     * lease4-add: puts {@code lease} on its address, unless someone holds an unexpired lease
     * there; true once it is durable, false when refused.
     */
    CompletableFuture<Boolean> add(Lease4 lease);

    /** lease4-update: replaces the lease on {@code lease}'s address; false when there is none. */
    CompletableFuture<Boolean> update(Lease4 lease);

    /** lease4-del: removes the lease on {@code address}, whoever holds it; the lease removed, or empty. */
    CompletableFuture<Optional<Lease4>> remove(int subnetId, int address);

    /** lease4-wipe: removes every lease of subnet {@code subnetId} (0: of every subnet); blocks; how many went. */
    int wipe(int subnetId);

    @Override
    void close();
}
