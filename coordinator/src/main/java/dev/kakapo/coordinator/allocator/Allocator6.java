package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv6 side of the partitioned allocator, one IA at a time. Futures that grant or change a
 * lease complete only once the change is durable in the lease store.
 */
public interface Allocator6 extends AutoCloseable {

    /** SOLICIT: the IA's current lease, else a hint, else a free slot; held briefly, not stored. */
    CompletableFuture<Optional<Lease6>> offer(LeaseRequest6 request);

    /** REQUEST, or SOLICIT with rapid commit: as {@link #offer}, then granted and on disk. */
    CompletableFuture<Optional<Lease6>> assign(LeaseRequest6 request);

    /** RENEW / REBIND of one address or prefix the client named: extended when it is the IA's own. */
    CompletableFuture<Commit<Lease6>> extend(LeaseRequest6 request, Ipv6Address address, int length);

    /** The IA's unexpired lease in the subnet, if any. */
    CompletableFuture<Optional<Lease6>> findLease(int subnetId, ClientIdentity6 client);

    /** The lease on an address (length 128) or delegated prefix, whoever holds it. */
    CompletableFuture<Optional<Lease6>> leaseAt(int subnetId, LeaseType6 type, Ipv6Address address, int length);

    /**
     * RELEASE: the IA's lease as it was, once it is removed on disk; empty when the IA held none
     * there. An offer the IA holds on the address or prefix ends too (empty is returned when that
     * was all).
     */
    CompletableFuture<Optional<Lease6>> release(int subnetId, ClientIdentity6 client, Ipv6Address address, int length);

    /** DECLINE: the IA's lease as it was, once the address is set aside for {@code probationSeconds}; empty when none. */
    CompletableFuture<Optional<Lease6>> decline(int subnetId, ClientIdentity6 client, Ipv6Address address, long probationSeconds);

    /** Reclaims expired leases; returns them as they were before reclamation. */
    CompletableFuture<List<Lease6>> reclaimExpired(int maxPerBlock, boolean remove, long holdReclaimedSeconds);

    /**
     * Leases per lease type and subnet id, counted over every block (assigned-nas, assigned-pds,
     * declined-addresses). Blocks the caller's thread: for the control API and metrics.
     */
    Map<LeaseType6, Map<Integer, LeaseCounts>> countLeases();

    /** Every lease of subnet {@code subnetId} (0: of every subnet), in any state; blocks like {@link #countLeases}. */
    List<Lease6> leases(int subnetId);

    /** lease6-add: puts {@code lease} on its slot unless someone holds an unexpired lease there; true once durable. */
    CompletableFuture<Boolean> add(Lease6 lease);

    /** lease6-update: replaces the lease on {@code lease}'s slot; false when there is none. */
    CompletableFuture<Boolean> update(Lease6 lease);

    /** lease6-del: removes the lease on the address or prefix, whoever holds it; the lease removed, or empty. */
    CompletableFuture<Optional<Lease6>> remove(int subnetId, LeaseType6 type, Ipv6Address address, int length);

    /** lease6-wipe: removes every lease of subnet {@code subnetId} (0: of every subnet); blocks; how many went. */
    int wipe(int subnetId);

    @Override
    void close();
}
