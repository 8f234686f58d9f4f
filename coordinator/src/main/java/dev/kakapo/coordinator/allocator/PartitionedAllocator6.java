package dev.kakapo.coordinator.allocator;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseStore;
import dev.kakapo.coordinator.lease.LeaseType6;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Allocator6} on blocks (on Hazelcast or in this process), the DHCPv6 twin of {@link PartitionedAllocator4}: address pools
 * are cut into blocks of 256 addresses and prefix delegation pools into blocks of 256 delegated
 * prefixes; each block is one map entry changed only by entry processors. The client index maps
 * DUID + IAID + type to the slot the IA last held.
 */
public final class PartitionedAllocator6 implements Allocator6 {
    static final String BLOCKS_MAP = "kakapo.leases6.blocks";
    static final String CLIENTS_MAP = "kakapo.leases6.clients";
    static final long OFFER_HOLD_SECONDS = PartitionedAllocator4.OFFER_HOLD_SECONDS;
    /**
     * Blocks tried for a new client before giving up: every block of a small pool, but a bound
     * for a /64 pool, which has 2^56 blocks and is never full in practice.
     */
    static final int MAX_BLOCK_PROBES = 1024;

    private static final LeaseKind<Lease6, ClientIdentity6> KIND = Lease6Kind.INSTANCE;

    private final AllocatorMap<BlockKey6, Block<Lease6, ClientIdentity6>> blocks;
    private final AllocatorMap<ClientKey6, Slot> clients;
    private final LeaseJournal<Lease6> journal;
    private final Clock clock;
    /** The coordinator cluster, or null when this process holds the maps itself. */
    private final HazelcastInstance hazelcast;
    private final Map<List<SlotRange6>, PoolBlocks6> poolBlocks = new ConcurrentHashMap<>();

    /** On the coordinator cluster {@code hazelcast} is a member or client of. */
    public PartitionedAllocator6(HazelcastInstance hazelcast, LeaseStore<Lease6> store, Clock clock) {
        this(AllocatorMap.of(hazelcast.getMap(BLOCKS_MAP)), AllocatorMap.of(hazelcast.getMap(CLIENTS_MAP)), hazelcast, store, clock);
    }

    private PartitionedAllocator6(AllocatorMap<BlockKey6, Block<Lease6, ClientIdentity6>> blocks, AllocatorMap<ClientKey6, Slot> clients,
                                  HazelcastInstance hazelcast, LeaseStore<Lease6> store, Clock clock) {
        this.blocks = blocks;
        this.clients = clients;
        this.journal = new LeaseJournal<>(l -> List.of(l.address(), l.type()), store);
        this.clock = clock;
        this.hazelcast = hazelcast;
    }

    /** In this process's memory: the all-in-one server, which is its own coordinator cluster. */
    public static PartitionedAllocator6 inProcess(LeaseStore<Lease6> store, Clock clock) {
        return new PartitionedAllocator6(AllocatorMap.inProcess(), AllocatorMap.inProcess(), null, store, clock);
    }

    private static BlockKey6 keyOf(Lease6 l) {
        return BlockKey6.of(l.subnetId(), l.type(), l.address(), l.prefixLength());
    }

    /** Cold start: puts every lease of the store into its block and the client index. Returns how many. */
    public int load(Collection<Lease6> leases) {
        Map<BlockKey6, List<Lease6>> byBlock = new HashMap<>();
        Map<ClientKey6, Slot> index = new HashMap<>();
        for (Lease6 l : leases) {
            byBlock.computeIfAbsent(keyOf(l), k -> new ArrayList<>()).add(l);
            if (l.state() != LeaseState.DECLINED) {
                index.put(new ClientKey6(l.subnetId(), l.type(), l.duid(), l.iaid()), new Slot(l.address(), l.prefixLength()));
            }
        }
        byBlock.forEach((key, list) -> blocks.executeOnKey(key, new BlockProcessors.Load<BlockKey6, Lease6, ClientIdentity6>(
                list.stream().mapToInt(l -> BlockKey6.slotOf(l.address(), l.prefixLength())).toArray(), list)));
        clients.putAll(index);
        return leases.size();
    }

    public int loadFrom(LeaseStore<Lease6> store) throws IOException {
        return ColdStart.once(hazelcast, "6", () -> load(store.loadAll()));
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public CompletableFuture<Optional<Lease6>> offer(LeaseRequest6 req) {
        long now = now();
        return offerAt(req, now).thenApply(Optional::ofNullable).toCompletableFuture();
    }

    private CompletionStage<Lease6> offerAt(LeaseRequest6 req, long now) {
        if (req.hintsReserved()) {
            // Reserved addresses or prefixes come before whatever the client held last (Kea's order).
            return tryHints(req, 0, now)
                    .thenCompose(found -> found != null ? done(found) : clients.getAsync(req.client().key(req.subnetId()))
                            .thenCompose(known -> tryPreferred(req, known == null ? null : known.address(), now)))
                    .thenCompose(found -> found != null ? done(found) : searchBlocks(req, now))
                    .thenApply(slot -> slot == null ? null : lease(req, slot.address(), slot.length(), now));
        }
        return clients.getAsync(req.client().key(req.subnetId()))
                .thenCompose(known -> tryPreferred(req, known == null ? null : known.address(), now))
                .thenCompose(found -> found != null ? done(found) : tryHints(req, 0, now))
                .thenCompose(found -> found != null ? done(found) : searchBlocks(req, now))
                .thenApply(slot -> slot == null ? null : lease(req, slot.address(), slot.length(), now));
    }

    /** An address (length 128) or a delegated prefix: what the client index remembers for an IA. */
    record Slot(Ipv6Address address, int length) implements java.io.Serializable {
    }

    private CompletionStage<Slot> tryPreferred(LeaseRequest6 req, Ipv6Address address, long now) {
        SlotRange6 pool = address == null ? null : req.poolOf(address);
        if (pool == null) {
            return done(null);
        }
        BlockKey6 key = BlockKey6.of(req.subnetId(), req.client().type(), address, pool.slotLength());
        return offerIn(req, key, BlockKey6.slotOf(address, pool.slotLength()), false, now);
    }

    private CompletionStage<Slot> tryHints(LeaseRequest6 req, int i, long now) {
        if (i >= req.hints().size()) {
            return done(null);
        }
        return tryPreferred(req, req.hints().get(i), now).thenCompose(c -> c != null ? done(c) : tryHints(req, i + 1, now));
    }

    private CompletionStage<Slot> offerIn(LeaseRequest6 req, BlockKey6 key, int preferredSlot, boolean searchOthers, long now) {
        return blocks.submitToKey(key, new BlockProcessors.Offer<BlockKey6, Lease6, ClientIdentity6>(req.client(), preferredSlot,
                        searchOthers, new PoolSlots6(key, req.pools()), KIND, now, OFFER_HOLD_SECONDS))
                .thenApply(slot -> slot < 0 ? null : new Slot(key.address(slot), key.slotLength()));
    }

    private CompletionStage<Slot> searchBlocks(LeaseRequest6 req, long now) {
        PoolBlocks6 pb = poolBlocks.computeIfAbsent(req.pools(), PoolBlocks6::new);
        if (pb.count() == 0) {
            return done(null);
        }
        long start = req.client().steeringHash() % pb.count();
        return searchFrom(req, pb, start, 0, Math.min(pb.count(), MAX_BLOCK_PROBES), now);
    }

    private CompletionStage<Slot> searchFrom(LeaseRequest6 req, PoolBlocks6 pb, long start, long tried, long limit, long now) {
        // A loop while the answers come at once (blocks in this process), not nested calls.
        for (long t = tried; t < limit; t++) {
            BlockKey6 key = pb.block(req.subnetId(), req.client().type(), (start + t) % pb.count());
            CompletableFuture<Slot> offered = offerIn(req, key, -1, true, now).toCompletableFuture();
            if (!offered.isDone() || offered.isCompletedExceptionally()) {
                long next = t + 1;
                return offered.thenCompose(c -> c != null ? done(c) : searchFrom(req, pb, start, next, limit, now));
            }
            Slot slot = offered.join();
            if (slot != null) {
                return done(slot);
            }
        }
        return done(null);
    }

    private static Lease6 lease(LeaseRequest6 req, Ipv6Address address, int length, long now) {
        ClientIdentity6 c = req.client();
        return new Lease6(address, length, c.type(), c.duid(), c.iaid(), req.preferredLifetime(), req.validLifetime(), now,
                req.subnetId(), req.fqdnFwd(), req.fqdnRev(), req.hostname(), req.hwAddress(), LeaseState.DEFAULT);
    }

    @Override
    public CompletableFuture<Optional<Lease6>> assign(LeaseRequest6 req) {
        long now = now();
        return offerAt(req, now).thenCompose(offered -> offered == null ? done((Commit<Lease6>) null) : grant(req, offered, now, null))
                .thenApply(c -> c != null && c.outcome() == Commit.Outcome.GRANTED ? Optional.of(c.lease()) : Optional.<Lease6>empty())
                .toCompletableFuture();
    }

    /** @param indexed the slot the client index already names for this IA (no index write needed then), or null */
    private CompletionStage<Commit<Lease6>> grant(LeaseRequest6 req, Lease6 lease, long now, Slot indexed) {
        BlockKey6 key = keyOf(lease);
        boolean allowed = req.poolOf(lease.address()) != null;
        return blocks.submitToKey(key, new BlockProcessors.Grant<BlockKey6, Lease6, ClientIdentity6>(req.client(),
                        BlockKey6.slotOf(lease.address(), lease.prefixLength()), allowed, lease, KIND, now))
                .thenCompose(change -> {
                    if (!change.applied()) {
                        return done(Commit.<Lease6>refused(change.outcome()));
                    }
                    Slot slot = new Slot(lease.address(), lease.prefixLength());
                    if (!slot.equals(indexed)) {
                        clients.setAsync(req.client().key(req.subnetId()), slot);
                    }
                    return journal.record(change).thenApply(v -> Commit.granted(change.lease(), change.previous()));
                });
    }

    @Override
    public CompletableFuture<Commit<Lease6>> extend(LeaseRequest6 req, Ipv6Address address, int length) {
        long now = now();
        return read(req.subnetId(), req.client().type(), address, length).thenCompose(held -> {
            if (held == null || held.state() == LeaseState.DECLINED || !req.client().owns(held)) {
                return done(Commit.<Lease6>refused(Commit.Outcome.NO_BINDING));
            }
            return grant(req, lease(req, address, length, now), now, new Slot(address, length));
        }).toCompletableFuture();
    }

    private CompletionStage<Lease6> read(int subnetId, LeaseType6 type, Ipv6Address address, int length) {
        return blocks.submitToKey(BlockKey6.of(subnetId, type, address, length),
                new BlockProcessors.Read<BlockKey6, Lease6, ClientIdentity6>(BlockKey6.slotOf(address, length)));
    }

    @Override
    public CompletableFuture<Optional<Lease6>> findLease(int subnetId, ClientIdentity6 client) {
        long now = now();
        return clients.getAsync(client.key(subnetId))
                .thenCompose(slot -> slot == null ? done((Lease6) null) : read(subnetId, client.type(), slot.address(), slot.length()))
                .thenApply(l -> Optional.ofNullable(l)
                        .filter(lease -> client.owns(lease) && lease.state() == LeaseState.DEFAULT && !lease.isExpired(now)))
                .toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Lease6>> leaseAt(int subnetId, LeaseType6 type, Ipv6Address address, int length) {
        return read(subnetId, type, address, length).thenApply(Optional::ofNullable).toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Lease6>> release(int subnetId, ClientIdentity6 client, Ipv6Address address, int length) {
        return blocks.submitToKey(BlockKey6.of(subnetId, client.type(), address, length),
                        new BlockProcessors.Release<BlockKey6, Lease6, ClientIdentity6>(client, BlockKey6.slotOf(address, length), KIND, now()))
                .thenCompose(this::recorded).toCompletableFuture();
    }

    /** Once the change is durable: the lease as it was before it (released or declined), or empty when refused. */
    private CompletionStage<Optional<Lease6>> recorded(BlockChange<Lease6> change) {
        return change.applied() ? journal.record(change).thenApply(v -> Optional.of(change.previous()))
                : done(Optional.empty());
    }

    @Override
    public CompletableFuture<Optional<Lease6>> decline(int subnetId, ClientIdentity6 client, Ipv6Address address, long probationSeconds) {
        return blocks.submitToKey(BlockKey6.of(subnetId, client.type(), address, 128),
                        new BlockProcessors.Decline<BlockKey6, Lease6, ClientIdentity6>(client, BlockKey6.slotOf(address, 128), KIND,
                                now(), probationSeconds))
                .thenCompose(this::recorded).toCompletableFuture();
    }

    @Override
    public CompletableFuture<List<Lease6>> reclaimExpired(int maxPerBlock, boolean remove, long holdReclaimedSeconds) {
        Map<BlockKey6, List<BlockChange<Lease6>>> results = blocks.executeOnEntries(
                new BlockProcessors.Reclaim<BlockKey6, Lease6, ClientIdentity6>(KIND, now(), maxPerBlock, remove, holdReclaimedSeconds));
        return Reclamation.record(results.values(), journal, l -> l.state() != LeaseState.EXPIRED_RECLAIMED);
    }

    @Override
    public Map<LeaseType6, Map<Integer, LeaseCounts>> countLeases() {
        Map<BlockKey6, long[]> perBlock = blocks.executeOnEntries(new BlockProcessors.Count<BlockKey6, Lease6, ClientIdentity6>(KIND, now()));
        Map<LeaseType6, Map<Integer, LeaseCounts>> out = new java.util.EnumMap<>(LeaseType6.class);
        perBlock.forEach((key, counts) -> out.computeIfAbsent(key.type(), t -> new java.util.TreeMap<>())
                .merge(key.subnetId(), LeaseCounts.NONE.plus(counts), (a, b) -> a.plus(new long[] {b.assigned(), b.declined()})));
        return out;
    }

    @Override
    public List<Lease6> leases(int subnetId) {
        Map<BlockKey6, List<Lease6>> perBlock = blocks.executeOnEntries(new BlockProcessors.Leases<BlockKey6, Lease6, ClientIdentity6>(),
                new BlockProcessors.InSubnet<>(subnetId));
        List<Lease6> out = new ArrayList<>();
        perBlock.values().forEach(out::addAll);
        out.sort(java.util.Comparator.comparingInt(Lease6::subnetId).thenComparing(Lease6::type)
                .thenComparing(Lease6::address));
        return out;
    }

    @Override
    public CompletableFuture<Boolean> add(Lease6 lease) {
        return install(lease, false);
    }

    @Override
    public CompletableFuture<Boolean> update(Lease6 lease) {
        return install(lease, true);
    }

    private CompletableFuture<Boolean> install(Lease6 lease, boolean replace) {
        return blocks.submitToKey(keyOf(lease), new BlockProcessors.Install<BlockKey6, Lease6, ClientIdentity6>(
                        BlockKey6.slotOf(lease.address(), lease.prefixLength()), lease, replace, KIND, now()))
                .thenCompose(change -> {
                    if (!change.applied()) {
                        return done(false);
                    }
                    if (lease.state() == LeaseState.DEFAULT) {
                        clients.setAsync(new ClientKey6(lease.subnetId(), lease.type(), lease.duid(), lease.iaid()),
                                new Slot(lease.address(), lease.prefixLength()));
                    }
                    return journal.record(change).thenApply(v -> true);
                }).toCompletableFuture();
    }

    @Override
    public CompletableFuture<Optional<Lease6>> remove(int subnetId, LeaseType6 type, Ipv6Address address, int length) {
        return blocks.submitToKey(BlockKey6.of(subnetId, type, address, length),
                        new BlockProcessors.Remove<BlockKey6, Lease6, ClientIdentity6>(BlockKey6.slotOf(address, length), now()))
                .thenCompose(this::recorded).toCompletableFuture();
    }

    @Override
    public int wipe(int subnetId) {
        Map<BlockKey6, List<BlockChange<Lease6>>> results = blocks.executeOnEntries(
                new BlockProcessors.RemoveAll<BlockKey6, Lease6, ClientIdentity6>(now()), new BlockProcessors.InSubnet<>(subnetId));
        return Reclamation.record(results.values(), journal, l -> true).join().size();
    }

    @Override
    public void close() {
        // The Hazelcast instance and the store belong to whoever created them.
    }

    /**
     * The blocks holding a list of pools, numbered 0..count-1 without materialising them (a /64
     * address pool has 2^56 blocks; the count saturates at Long.MAX_VALUE).
     */
    private static final class PoolBlocks6 {
        private final List<SlotRange6> pools;
        private final long[] counts;
        private final long count;

        PoolBlocks6(List<SlotRange6> pools) {
            this.pools = List.copyOf(pools);
            counts = new long[pools.size()];
            long total = 0;
            for (int i = 0; i < pools.size(); i++) {
                SlotRange6 r = pools.get(i);
                BigInteger span = BigInteger.ONE.shiftLeft(128 - r.slotLength() + 8);
                BigInteger first = big(r.first().masked(r.slotLength() - 8));
                BigInteger last = big(r.last().masked(r.slotLength() - 8));
                BigInteger n = last.subtract(first).divide(span).add(BigInteger.ONE);
                counts[i] = n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
                total = total + counts[i] < 0 ? Long.MAX_VALUE : total + counts[i];
            }
            count = total;
        }

        long count() {
            return count;
        }

        BlockKey6 block(int subnetId, LeaseType6 type, long k) {
            for (int i = 0; i < counts.length; i++) {
                if (k < counts[i]) {
                    SlotRange6 r = pools.get(i);
                    BigInteger first = big(r.first().masked(r.slotLength() - 8));
                    BigInteger at = first.add(BigInteger.valueOf(k).shiftLeft(128 - r.slotLength() + 8));
                    return new BlockKey6(subnetId, type, address(at), r.slotLength());
                }
                k -= counts[i];
            }
            throw new IndexOutOfBoundsException(Long.toString(k));
        }

        private static BigInteger big(Ipv6Address a) {
            return new BigInteger(1, a.toBytes());
        }

        private static Ipv6Address address(BigInteger v) {
            byte[] raw = v.toByteArray();
            byte[] b = new byte[16];
            int n = Math.min(16, raw.length);
            System.arraycopy(raw, raw.length - n, b, 16 - n, n);
            return Ipv6Address.fromBytes(b, 0);
        }
    }
}
