package dev.kakapo.coordinator.allocator;

import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;
import java.util.List;
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

    @Override
    void close();
}
