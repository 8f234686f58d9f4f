package dev.kakapo.server.metrics;

import static dev.kakapo.server.metrics.CallTimers.Operation.*;

import dev.kakapo.coordinator.allocator.Allocator6;
import dev.kakapo.coordinator.allocator.ClientIdentity6;
import dev.kakapo.coordinator.allocator.Commit;
import dev.kakapo.coordinator.allocator.LeaseCounts;
import dev.kakapo.coordinator.allocator.LeaseRequest6;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseType6;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv6 allocator as the packet path sees it, each asynchronous call timed in
 * {@link CallTimers}. The blocking listings and counts (control API, statistics) pass through.
 */
public final class TimedAllocator6 implements Allocator6 {
    private final Allocator6 allocator;
    private final CallTimers timers;

    public TimedAllocator6(Allocator6 allocator, CallTimers timers) {
        this.allocator = allocator;
        this.timers = timers;
    }

    @Override
    public CompletableFuture<Optional<Lease6>> offer(LeaseRequest6 request) {
        return timers.time(OFFER, () -> allocator.offer(request));
    }

    @Override
    public CompletableFuture<Optional<Lease6>> assign(LeaseRequest6 request) {
        return timers.time(ASSIGN, () -> allocator.assign(request));
    }

    @Override
    public CompletableFuture<Commit<Lease6>> extend(LeaseRequest6 request, Ipv6Address address, int length) {
        return timers.time(EXTEND, () -> allocator.extend(request, address, length));
    }

    @Override
    public CompletableFuture<Optional<Lease6>> findLease(int subnetId, ClientIdentity6 client) {
        return timers.time(FIND_LEASE, () -> allocator.findLease(subnetId, client));
    }

    @Override
    public CompletableFuture<Optional<Lease6>> leaseAt(int subnetId, LeaseType6 type, Ipv6Address address, int length) {
        return timers.time(LEASE_AT, () -> allocator.leaseAt(subnetId, type, address, length));
    }

    @Override
    public CompletableFuture<Optional<Lease6>> release(int subnetId, ClientIdentity6 client, Ipv6Address address, int length) {
        return timers.time(RELEASE, () -> allocator.release(subnetId, client, address, length));
    }

    @Override
    public CompletableFuture<Optional<Lease6>> decline(int subnetId, ClientIdentity6 client, Ipv6Address address, long probationSeconds) {
        return timers.time(DECLINE, () -> allocator.decline(subnetId, client, address, probationSeconds));
    }

    @Override
    public CompletableFuture<List<Lease6>> reclaimExpired(int maxPerBlock, boolean remove, long holdReclaimedSeconds) {
        return timers.time(RECLAIM, () -> allocator.reclaimExpired(maxPerBlock, remove, holdReclaimedSeconds));
    }

    @Override
    public Map<LeaseType6, Map<Integer, LeaseCounts>> countLeases() {
        return allocator.countLeases();
    }

    @Override
    public List<Lease6> leases(int subnetId) {
        return allocator.leases(subnetId);
    }

    @Override
    public CompletableFuture<Boolean> add(Lease6 lease) {
        return timers.time(ADD, () -> allocator.add(lease));
    }

    @Override
    public CompletableFuture<Boolean> update(Lease6 lease) {
        return timers.time(UPDATE, () -> allocator.update(lease));
    }

    @Override
    public CompletableFuture<Optional<Lease6>> remove(int subnetId, LeaseType6 type, Ipv6Address address, int length) {
        return timers.time(REMOVE, () -> allocator.remove(subnetId, type, address, length));
    }

    @Override
    public int wipe(int subnetId) {
        return allocator.wipe(subnetId);
    }

    /** The allocator belongs to the server that made it. */
    @Override
    public void close() {
    }
}
