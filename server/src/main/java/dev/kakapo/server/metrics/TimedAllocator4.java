package dev.kakapo.server.metrics;

import static dev.kakapo.server.metrics.CallTimers.Operation.*;

import dev.kakapo.coordinator.allocator.Allocator4;
import dev.kakapo.coordinator.allocator.ClientIdentity4;
import dev.kakapo.coordinator.allocator.Commit;
import dev.kakapo.coordinator.allocator.LeaseCounts;
import dev.kakapo.coordinator.allocator.LeaseRequest4;
import dev.kakapo.coordinator.lease.Lease4;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv4 allocator as the packet path sees it, each asynchronous call timed in
 * {@link CallTimers}. The blocking listings and counts (control API, statistics) pass through.
 */
public final class TimedAllocator4 implements Allocator4 {
    private final Allocator4 allocator;
    private final CallTimers timers;

    public TimedAllocator4(Allocator4 allocator, CallTimers timers) {
        this.allocator = allocator;
        this.timers = timers;
    }

    @Override
    public CompletableFuture<Optional<Lease4>> offer(LeaseRequest4 request) {
        return timers.time(OFFER, () -> allocator.offer(request));
    }

    @Override
    public CompletableFuture<Commit<Lease4>> commit(LeaseRequest4 request, int address) {
        return timers.time(COMMIT, () -> allocator.commit(request, address));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> findLease(int subnetId, ClientIdentity4 client) {
        return timers.time(FIND_LEASE, () -> allocator.findLease(subnetId, client));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> leaseAt(int subnetId, int address) {
        return timers.time(LEASE_AT, () -> allocator.leaseAt(subnetId, address));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> release(int subnetId, ClientIdentity4 client, int address) {
        return timers.time(RELEASE, () -> allocator.release(subnetId, client, address));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> decline(int subnetId, ClientIdentity4 client, int address, long probationSeconds) {
        return timers.time(DECLINE, () -> allocator.decline(subnetId, client, address, probationSeconds));
    }

    @Override
    public CompletableFuture<List<Lease4>> reclaimExpired(int maxPerBlock, boolean remove, long holdReclaimedSeconds) {
        return timers.time(RECLAIM, () -> allocator.reclaimExpired(maxPerBlock, remove, holdReclaimedSeconds));
    }

    @Override
    public Map<Integer, LeaseCounts> countLeases() {
        return allocator.countLeases();
    }

    @Override
    public List<Lease4> leases(int subnetId) {
        return allocator.leases(subnetId);
    }

    @Override
    public CompletableFuture<Boolean> add(Lease4 lease) {
        return timers.time(ADD, () -> allocator.add(lease));
    }

    @Override
    public CompletableFuture<Boolean> update(Lease4 lease) {
        return timers.time(UPDATE, () -> allocator.update(lease));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> remove(int subnetId, int address) {
        return timers.time(REMOVE, () -> allocator.remove(subnetId, address));
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
