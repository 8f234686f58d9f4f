package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.kakapo.coordinator.lease.Lease4;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseStore4;
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
 * {@link Allocator4} on Hazelcast: pools are cut into {@link Block4}s, one map entry each, and
 * every change is an entry processor on the block that owns the address. A client index maps a
 * client to the address it last held, so a returning client finds its lease from any node; the
 * block stays the truth and the index is only a hint checked against it.
 */
public final class PartitionedAllocator4 implements Allocator4 {
    static final String BLOCKS_MAP = "kakapo.leases4.blocks";
    static final String CLIENTS_MAP = "kakapo.leases4.clients";
    /** How long an offered address is kept for the client it was offered to. */
    static final long OFFER_HOLD_SECONDS = 10;

    private final IMap<BlockKey, Block4> blocks;
    private final IMap<ClientKey4, Integer> clients;
    private final LeaseJournal4 journal;
    private final Clock clock;

    public PartitionedAllocator4(HazelcastInstance hazelcast, LeaseStore4 store, Clock clock) {
        this.blocks = hazelcast.getMap(BLOCKS_MAP);
        this.clients = hazelcast.getMap(CLIENTS_MAP);
        this.journal = new LeaseJournal4(store);
        this.clock = clock;
    }

    /** Cold start: puts every lease of the store into its block and the client index. Returns how many. */
    public int load(Collection<Lease4> leases) {
        Map<BlockKey, List<Lease4>> byBlock = new HashMap<>();
        for (Lease4 l : leases) {
            byBlock.computeIfAbsent(new BlockKey(l.subnetId(), Block4.firstAddressOf(l.address())), k -> new ArrayList<>()).add(l);
        }
        byBlock.forEach((key, list) -> blocks.executeOnKey(key, new BlockProcessors.Load(list)));
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

    /** Convenience for start-up: loads everything the store holds. */
    public int loadFrom(LeaseStore4 store) throws IOException {
        return load(store.loadAll());
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private static BlockKey blockKey(int subnetId, int address) {
        return new BlockKey(subnetId, Block4.firstAddressOf(address));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> offer(LeaseRequest4 req) {
        long now = now();
        return lastAddressOf(req.subnetId(), req.client())
                .thenCompose(known -> tryPreferred(req, known, now))
                .thenCompose(found -> found != null ? done(found) : tryPreferred(req, req.hint(), now))
                .thenCompose(found -> found != null ? done(found) : searchBlocks(req, now))
                .thenApply(address -> Optional.ofNullable(address).map(a -> offeredLease(req, a, now)))
                .toCompletableFuture();
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private CompletionStage<Integer> tryPreferred(LeaseRequest4 req, Integer address, long now) {
        if (address == null || address == 0 || !req.inPool(address)) {
            return done(null);
        }
        return blocks.submitToKey(blockKey(req.subnetId(), address),
                new BlockProcessors.Offer(req.client(), address, false, req.pools(), now, OFFER_HOLD_SECONDS));
    }

    /** Steers a new client to a block by a hash of its identity, then walks on while blocks are full. */
    private CompletionStage<Integer> searchBlocks(LeaseRequest4 req, long now) {
        PoolBlocks pb = new PoolBlocks(req.pools());
        if (pb.count() == 0) {
            return done(null);
        }
        int start = req.client().steeringHash() % pb.count();
        return searchFrom(req, pb, start, 0, now);
    }

    private CompletionStage<Integer> searchFrom(LeaseRequest4 req, PoolBlocks pb, int start, int tried, long now) {
        if (tried >= pb.count()) {
            return done(null);
        }
        int first = pb.firstAddress((start + tried) % pb.count());
        return blocks.submitToKey(new BlockKey(req.subnetId(), first),
                        new BlockProcessors.Offer(req.client(), 0, true, req.pools(), now, OFFER_HOLD_SECONDS))
                .thenCompose(a -> a != null ? done(a) : searchFrom(req, pb, start, tried + 1, now));
    }

    private static Lease4 offeredLease(LeaseRequest4 req, int address, long now) {
        ClientIdentity4 c = req.client();
        return new Lease4(address, c.hwAddress(), c.clientId(), req.validLifetime(), now, req.subnetId(), false, false,
                req.hostname(), LeaseState.DEFAULT);
    }

    @Override
    public CompletableFuture<Commit4> commit(LeaseRequest4 req, int address) {
        long now = now();
        return lastAddressOf(req.subnetId(), req.client()).thenCompose(previous ->
                blocks.submitToKey(blockKey(req.subnetId(), address),
                                new BlockProcessors.Commit(req.client(), address, req.pools(), now, req.validLifetime(), req.hostname()))
                        .thenCompose(change -> {
                            if (!change.applied()) {
                                return done(Commit4.refused(change.outcome()));
                            }
                            CompletionStage<Void> durable = journal.record(change);
                            index(change.lease());
                            if (previous != null && previous != address) {
                                // The client moved to another address: its old lease goes (Kea deletes it).
                                durable = durable.thenCombine(releaseAt(req.subnetId(), req.client(), previous), (a, b) -> null);
                            }
                            return durable.thenApply(v -> Commit4.granted(change.lease()));
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

    /** The address the client index remembers for the client (a hint), or null. */
    private CompletionStage<Integer> lastAddressOf(int subnetId, ClientIdentity4 client) {
        ClientKey4 primary = client.primaryKey(subnetId);
        if (primary == null) {
            return done(null);
        }
        ClientKey4 hw = client.hwKey(subnetId);
        return clients.getAsync(primary).thenCompose(a -> a != null || hw == null || hw.equals(primary) ? done(a) : clients.getAsync(hw));
    }

    @Override
    public CompletableFuture<Optional<Lease4>> findLease(int subnetId, ClientIdentity4 client) {
        long now = now();
        return lastAddressOf(subnetId, client)
                .thenCompose(a -> a == null ? CompletableFuture.<Lease4>completedFuture(null) : blocks.submitToKey(blockKey(subnetId, a), new BlockProcessors.Read(a)))
                .thenApply(l -> Optional.ofNullable(l)
                        .filter(lease -> lease.state() == LeaseState.DEFAULT && !lease.isExpired(now) && client.owns(lease)))
                .toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Lease4>> leaseAt(int subnetId, int address) {
        return blocks.submitToKey(blockKey(subnetId, address), new BlockProcessors.Read(address))
                .thenApply(Optional::ofNullable).toCompletableFuture();
    }

    @Override
    public CompletableFuture<Boolean> release(int subnetId, ClientIdentity4 client, int address) {
        return releaseAt(subnetId, client, address).toCompletableFuture();
    }

    private CompletionStage<Boolean> releaseAt(int subnetId, ClientIdentity4 client, int address) {
        return blocks.submitToKey(blockKey(subnetId, address), new BlockProcessors.Release(client, address))
                .thenCompose(change -> change.applied() ? journal.record(change).thenApply(v -> true) : done(false));
    }

    @Override
    public CompletableFuture<Boolean> decline(int subnetId, ClientIdentity4 client, int address, long probationSeconds) {
        return blocks.submitToKey(blockKey(subnetId, address), new BlockProcessors.Decline(client, address, now(), probationSeconds))
                .thenCompose(change -> change.applied() ? journal.record(change).thenApply(v -> true) : done(false))
                .toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Lease4>> reclaimExpired(int maxPerBlock, boolean remove, long holdReclaimedSeconds) {
        Map<BlockKey, List<BlockChange>> results =
                blocks.executeOnEntries(new BlockProcessors.Reclaim(now(), maxPerBlock, remove, holdReclaimedSeconds));
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<Lease4> reclaimed = new ArrayList<>();
        for (List<BlockChange> changes : results.values()) {
            for (BlockChange c : changes) {
                writes.add(journal.record(c));
                if (c.previous() != null) {
                    reclaimed.add(c.previous());
                } else if (c.lease().state() == LeaseState.DEFAULT || c.lease().state() == LeaseState.DECLINED) {
                    reclaimed.add(c.lease());
                }
            }
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(v -> reclaimed);
    }

    @Override
    public void close() {
        // The Hazelcast instance and the store belong to whoever created them.
    }

    /** The aligned blocks that hold a subnet's pools, numbered 0..count-1 without materialising them. */
    private static final class PoolBlocks {
        private final int[] firstBlock;
        private final int[] blockCount;
        private final int count;

        PoolBlocks(List<AddressRange> pools) {
            firstBlock = new int[pools.size()];
            blockCount = new int[pools.size()];
            int total = 0;
            for (int i = 0; i < pools.size(); i++) {
                AddressRange r = pools.get(i);
                firstBlock[i] = Block4.firstAddressOf(r.first());
                blockCount[i] = (int) ((Integer.toUnsignedLong(Block4.firstAddressOf(r.last())) - Integer.toUnsignedLong(firstBlock[i])) / Block4.SIZE) + 1;
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
                    return firstBlock[i] + k * Block4.SIZE;
                }
                k -= blockCount[i];
            }
            throw new IndexOutOfBoundsException(k);
        }
    }
}
