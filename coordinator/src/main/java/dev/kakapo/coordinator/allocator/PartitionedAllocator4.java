package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link Allocator4} on blocks: pools are cut into {@link Block}s of 256 aligned addresses, one map
 * entry each, and every change is an entry processor on the block that owns the address. A client
 * index maps a client to the address it last held, so a returning client finds its lease from any
 * node; the block stays the truth and the index is only a hint checked against it. The maps are
 * the coordinator cluster's (Hazelcast) or, in the all-in-one server, this process's own
 * ({@link #inProcess}).
 */
public final class PartitionedAllocator4 implements Allocator4 {
    static final String BLOCKS_MAP = "kakapo.leases4.blocks";
    static final String CLIENTS_MAP = "kakapo.leases4.clients";
    /** How long an offered address is kept for the client it was offered to. */
    static final long OFFER_HOLD_SECONDS = 10;

    private static final LeaseKind<Lease4, ClientIdentity4> KIND = Lease4Kind.INSTANCE;

    private final AllocatorMap<BlockKey4, Block<Lease4, ClientIdentity4>> blocks;
    private final AllocatorMap<ClientKey4, Integer> clients;
    private final LeaseJournal<Lease4> journal;
    private final Clock clock;
    /** The coordinator cluster, or null when this process holds the maps itself. */
    private final HazelcastInstance hazelcast;

    /** On the coordinator cluster {@code hazelcast} is a member or client of. */
    public PartitionedAllocator4(HazelcastInstance hazelcast, LeaseStore<Lease4> store, Clock clock) {
        this(AllocatorMap.of(hazelcast.getMap(BLOCKS_MAP)), AllocatorMap.of(hazelcast.getMap(CLIENTS_MAP)), hazelcast, store, clock);
    }

    private PartitionedAllocator4(AllocatorMap<BlockKey4, Block<Lease4, ClientIdentity4>> blocks, AllocatorMap<ClientKey4, Integer> clients,
                                  HazelcastInstance hazelcast, LeaseStore<Lease4> store, Clock clock) {
        this.blocks = blocks;
        this.clients = clients;
        this.journal = new LeaseJournal<>(Lease4::address, store);
        this.clock = clock;
        this.hazelcast = hazelcast;
    }

    /** In this process's memory: the all-in-one server, which is its own coordinator cluster. */
    public static PartitionedAllocator4 inProcess(LeaseStore<Lease4> store, Clock clock) {
        return new PartitionedAllocator4(AllocatorMap.inProcess(), AllocatorMap.inProcess(), null, store, clock);
    }

    /** Cold start: puts every lease of the store into its block and the client index. Returns how many. */
    public int load(Collection<Lease4> leases) {
        Map<BlockKey4, List<Lease4>> byBlock = new HashMap<>();
        for (Lease4 l : leases) {
            byBlock.computeIfAbsent(BlockKey4.of(l.subnetId(), l.address()), k -> new ArrayList<>()).add(l);
        }
        byBlock.forEach((key, list) -> blocks.executeOnKey(key, new BlockProcessors.Load<BlockKey4, Lease4, ClientIdentity4>(
                list.stream().mapToInt(l -> BlockKey4.slotOf(l.address())).toArray(), list)));
        Map<ClientKey4, Integer> index = new HashMap<>();
        for (Lease4 l : leases) {
            if (l.state() == LeaseState.DECLINED) {
                continue;
            }
            if (!l.clientId().isEmpty()) {
                index.put(new ClientKey4(l.subnetId(), ClientKey4.Kind.CLIENT_ID, l.clientId()), l.address());
            }
            if (!l.hwAddress().isEmpty()) {
                index.put(new ClientKey4(l.subnetId(), ClientKey4.Kind.HW_ADDRESS, l.hwAddress()), l.address());
            }
        }
        clients.putAll(index);
        return leases.size();
    }

    /**
     * Start-up: loads everything the store holds, once per life of the coordinator cluster (a
     * node joining a running cluster loads nothing). Returns the leases this node loaded.
     */
    public int loadFrom(LeaseStore<Lease4> store) throws IOException {
        return ColdStart.once(hazelcast, "4", () -> load(store.loadAll()));
    }

    private long now() {
        return clock.millis() / 1000;
    }

    @Override
    public CompletableFuture<Optional<Lease4>> offer(LeaseRequest4 req) {
        long now = now();
        if (req.hintReserved()) {
            // A reserved address comes before whatever the client held last (Kea's order).
            return tryPreferred(req, req.hint(), now)
                    .thenCompose(found -> found != null ? done(found) : lastAddressOf(req.subnetId(), req.client())
                            .thenCompose(known -> tryPreferred(req, known, now)))
                    .thenCompose(found -> found != null ? done(found) : searchBlocks(req, now))
                    .thenApply(address -> Optional.ofNullable(address).map(a -> lease(req, a, now)))
                    .toCompletableFuture();
        }
        return lastAddressOf(req.subnetId(), req.client())
                .thenCompose(known -> tryPreferred(req, known, now))
                .thenCompose(found -> found != null ? done(found) : tryPreferred(req, req.hint(), now))
                .thenCompose(found -> found != null ? done(found) : searchBlocks(req, now))
                .thenApply(address -> Optional.ofNullable(address).map(a -> lease(req, a, now)))
                .toCompletableFuture();
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private CompletionStage<Integer> offerIn(LeaseRequest4 req, BlockKey4 key, int preferredSlot, boolean searchOthers, long now) {
        return blocks.submitToKey(key, new BlockProcessors.Offer<BlockKey4, Lease4, ClientIdentity4>(req.client(), preferredSlot,
                        searchOthers, new PoolSlots4(key.firstAddress(), req.pools()), KIND, now, OFFER_HOLD_SECONDS))
                .thenApply(slot -> slot < 0 ? null : key.address(slot));
    }

    private CompletionStage<Integer> tryPreferred(LeaseRequest4 req, Integer address, long now) {
        if (address == null || address == 0 || !req.inPool(address)) {
            return done(null);
        }
        return offerIn(req, BlockKey4.of(req.subnetId(), address), BlockKey4.slotOf(address), false, now);
    }

    /** Steers a new client to a block by a hash of its identity, then walks on while blocks are full. */
    private CompletionStage<Integer> searchBlocks(LeaseRequest4 req, long now) {
        PoolBlocks4 pb = new PoolBlocks4(req.pools());
        if (pb.count() == 0) {
            return done(null);
        }
        return searchFrom(req, pb, req.client().steeringHash() % pb.count(), 0, now);
    }

    private CompletionStage<Integer> searchFrom(LeaseRequest4 req, PoolBlocks4 pb, int start, int tried, long now) {
        // A loop while the answers come at once (blocks in this process): a pool of thousands of
        // full blocks must not become as many nested calls.
        for (int t = tried; t < pb.count(); t++) {
            BlockKey4 key = new BlockKey4(req.subnetId(), pb.firstAddress((start + t) % pb.count()));
            CompletableFuture<Integer> offered = offerIn(req, key, -1, true, now).toCompletableFuture();
            if (!offered.isDone() || offered.isCompletedExceptionally()) {
                int next = t + 1;
                return offered.thenCompose(a -> a != null ? done(a) : searchFrom(req, pb, start, next, now));
            }
            Integer address = offered.join();
            if (address != null) {
                return done(address);
            }
        }
        return done(null);
    }

    private static Lease4 lease(LeaseRequest4 req, int address, long now) {
        ClientIdentity4 c = req.client();
        return new Lease4(address, c.hwAddress(), c.clientId(), req.validLifetime(), now, req.subnetId(), req.fqdnFwd(),
                req.fqdnRev(), req.hostname(), LeaseState.DEFAULT);
    }

    @Override
    public CompletableFuture<Commit<Lease4>> commit(LeaseRequest4 req, int address) {
        long now = now();
        Lease4 granted = lease(req, address, now);
        return lastAddressOf(req.subnetId(), req.client()).thenCompose(previous ->
                blocks.submitToKey(BlockKey4.of(req.subnetId(), address), new BlockProcessors.Grant<BlockKey4, Lease4, ClientIdentity4>(
                                req.client(), BlockKey4.slotOf(address), req.inPool(address), granted, KIND, now))
                        .thenCompose(change -> {
                            if (!change.applied()) {
                                return done(Commit.<Lease4>refused(change.outcome()));
                            }
                            CompletionStage<Void> durable = journal.record(change);
                            if (previous == null || previous != address) {
                                index(change.lease()); // a renewal leaves the index as it was
                            }
                            if (previous != null && previous != address) {
                                // The client moved to another address: its old lease goes (Kea deletes it).
                                durable = durable.thenCombine(releaseAt(req.subnetId(), req.client(), previous), (a, b) -> null);
                            }
                            return durable.thenApply(v -> Commit.granted(change.lease(), change.previous()));
                        })).toCompletableFuture();
    }

    private void index(Lease4 lease) {
        if (!lease.clientId().isEmpty()) {
            clients.setAsync(new ClientKey4(lease.subnetId(), ClientKey4.Kind.CLIENT_ID, lease.clientId()), lease.address());
        }
        if (!lease.hwAddress().isEmpty()) {
            clients.setAsync(new ClientKey4(lease.subnetId(), ClientKey4.Kind.HW_ADDRESS, lease.hwAddress()), lease.address());
        }
    }

    /**
     * The address the client index remembers for the client (a hint), or null: by client
     * identifier, else by hardware address (Kea's order); both are asked at once.
     */
    private CompletionStage<Integer> lastAddressOf(int subnetId, ClientIdentity4 client) {
        ClientKey4 primary = client.primaryKey(subnetId);
        if (primary == null) {
            return done(null);
        }
        ClientKey4 hw = client.hwKey(subnetId);
        CompletableFuture<Integer> byPrimary = clients.getAsync(primary).toCompletableFuture();
        if (hw == null || hw.equals(primary)) {
            return byPrimary;
        }
        CompletableFuture<Integer> byHw = clients.getAsync(hw).toCompletableFuture();
        return byPrimary.thenCombine(byHw, (a, b) -> a != null ? a : b);
    }

    @Override
    public CompletableFuture<Optional<Lease4>> findLease(int subnetId, ClientIdentity4 client) {
        long now = now();
        return lastAddressOf(subnetId, client)
                .thenCompose(a -> a == null ? done((Lease4) null) : read(subnetId, a))
                .thenApply(l -> Optional.ofNullable(l)
                        .filter(lease -> lease.state() == LeaseState.DEFAULT && !lease.isExpired(now) && client.owns(lease)))
                .toCompletableFuture();
    }

    private CompletionStage<Lease4> read(int subnetId, int address) {
        return blocks.submitToKey(BlockKey4.of(subnetId, address),
                new BlockProcessors.Read<BlockKey4, Lease4, ClientIdentity4>(BlockKey4.slotOf(address)));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> leaseAt(int subnetId, int address) {
        return read(subnetId, address).thenApply(Optional::ofNullable).toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Lease4>> release(int subnetId, ClientIdentity4 client, int address) {
        return releaseAt(subnetId, client, address).toCompletableFuture();
    }

    private CompletionStage<Optional<Lease4>> releaseAt(int subnetId, ClientIdentity4 client, int address) {
        return blocks.submitToKey(BlockKey4.of(subnetId, address),
                        new BlockProcessors.Release<BlockKey4, Lease4, ClientIdentity4>(client, BlockKey4.slotOf(address), KIND, now()))
                .thenCompose(this::recorded);
    }

    /** Once the change is durable: the lease as it was before it (released or declined), or empty when refused. */
    private CompletionStage<Optional<Lease4>> recorded(BlockChange<Lease4> change) {
        return change.applied() ? journal.record(change).thenApply(v -> Optional.of(change.previous()))
                : done(Optional.empty());
    }

    @Override
    public CompletableFuture<Optional<Lease4>> decline(int subnetId, ClientIdentity4 client, int address, long probationSeconds) {
        return blocks.submitToKey(BlockKey4.of(subnetId, address), new BlockProcessors.Decline<BlockKey4, Lease4, ClientIdentity4>(
                        client, BlockKey4.slotOf(address), KIND, now(), probationSeconds))
                .thenCompose(this::recorded).toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Lease4>> reclaimExpired(int maxPerBlock, boolean remove, long holdReclaimedSeconds) {
        Map<BlockKey4, List<BlockChange<Lease4>>> results = blocks.executeOnEntries(
                new BlockProcessors.Reclaim<BlockKey4, Lease4, ClientIdentity4>(KIND, now(), maxPerBlock, remove, holdReclaimedSeconds));
        return Reclamation.record(results.values(), journal, l -> l.state() != LeaseState.EXPIRED_RECLAIMED);
    }

    @Override
    public Map<Integer, LeaseCounts> countLeases() {
        Map<BlockKey4, long[]> perBlock = blocks.executeOnEntries(new BlockProcessors.Count<BlockKey4, Lease4, ClientIdentity4>(KIND, now()));
        Map<Integer, LeaseCounts> out = new java.util.TreeMap<>();
        perBlock.forEach((key, counts) -> out.merge(key.subnetId(), LeaseCounts.NONE.plus(counts),
                (a, b) -> a.plus(new long[] {b.assigned(), b.declined()})));
        return out;
    }

    @Override
    public List<Lease4> leases(int subnetId) {
        Map<BlockKey4, List<Lease4>> perBlock = blocks.executeOnEntries(new BlockProcessors.Leases<BlockKey4, Lease4, ClientIdentity4>(),
                new BlockProcessors.InSubnet<>(subnetId));
        List<Lease4> out = new ArrayList<>();
        perBlock.values().forEach(out::addAll);
        out.sort(java.util.Comparator.comparingInt(Lease4::subnetId).thenComparing(l -> Integer.toUnsignedLong(l.address())));
        return out;
    }

    @Override
    public CompletableFuture<Boolean> add(Lease4 lease) {
        return install(lease, false);
    }

    @Override
    public CompletableFuture<Boolean> update(Lease4 lease) {
        return install(lease, true);
    }

    private CompletableFuture<Boolean> install(Lease4 lease, boolean replace) {
        return blocks.submitToKey(BlockKey4.of(lease.subnetId(), lease.address()), new BlockProcessors.Install<BlockKey4, Lease4, ClientIdentity4>(
                        BlockKey4.slotOf(lease.address()), lease, replace, KIND, now()))
                .thenCompose(change -> {
                    if (!change.applied()) {
                        return done(false);
                    }
                    if (lease.state() == LeaseState.DEFAULT) {
                        index(lease);
                    }
                    return journal.record(change).thenApply(v -> true);
                }).toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Lease4>> remove(int subnetId, int address) {
        // The client index may still name the address: it is a hint, checked against the block.
        return blocks.submitToKey(BlockKey4.of(subnetId, address),
                        new BlockProcessors.Remove<BlockKey4, Lease4, ClientIdentity4>(BlockKey4.slotOf(address), now()))
                .thenCompose(this::recorded).toCompletableFuture();
    }

    @Override
    public int wipe(int subnetId) {
        Map<BlockKey4, List<BlockChange<Lease4>>> results = blocks.executeOnEntries(
                new BlockProcessors.RemoveAll<BlockKey4, Lease4, ClientIdentity4>(now()), new BlockProcessors.InSubnet<>(subnetId));
        return Reclamation.record(results.values(), journal, l -> true).join().size();
    }

    @Override
    public void close() {
        // The Hazelcast instance and the store belong to whoever created them.
    }

    /** The aligned blocks that hold a subnet's pools, numbered 0..count-1 without materialising them. */
    private static final class PoolBlocks4 {
        private final int[] firstBlock;
        private final int[] blockCount;
        private final int count;

        PoolBlocks4(List<AddressRange> pools) {
            firstBlock = new int[pools.size()];
            blockCount = new int[pools.size()];
            int total = 0;
            for (int i = 0; i < pools.size(); i++) {
                AddressRange r = pools.get(i);
                firstBlock[i] = r.first() & ~BlockKey4.SLOT_MASK;
                blockCount[i] = (int) ((Integer.toUnsignedLong(r.last() & ~BlockKey4.SLOT_MASK) - Integer.toUnsignedLong(firstBlock[i]))
                        / Block.SIZE) + 1;
                total += blockCount[i];
            }
            count = total;
        }

        int count() {
            return count;
        }

        int firstAddress(int k) {
            for (int i = 0; i < blockCount.length; i++) {
                if (k < blockCount[i]) {
                    return firstBlock[i] + k * Block.SIZE;
                }
                k -= blockCount[i];
            }
            throw new IndexOutOfBoundsException(k);
        }
    }
}
