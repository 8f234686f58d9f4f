package dev.kakapo.coordinator.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import dev.kakapo.coordinator.lease.Ipv6Address;
import dev.kakapo.coordinator.lease.Lease6;
import dev.kakapo.coordinator.lease.LeaseState;
import dev.kakapo.coordinator.lease.LeaseType6;
import dev.kakapo.coordinator.lease.Octets;
import dev.kakapo.coordinator.memfile.MemfileLeaseStore6;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DHCPv6 allocator on a real Hazelcast member (a cluster of one), writing a real lease6 file. */
class PartitionedAllocator6Test {
    private static HazelcastInstance hazelcast;
    private static int subnetCounter = 1000;

    @TempDir
    Path dir;
    private MemfileLeaseStore6 store;
    private PartitionedAllocator6 allocator;
    private final PartitionedAllocator4Test.SteppingClock clock = new PartitionedAllocator4Test.SteppingClock(1_800_000_000L);
    private int subnetId;

    static final SlotRange6 ADDRESSES = SlotRange6.addresses(Ipv6Address.parse("2001:db8:1::100"), Ipv6Address.parse("2001:db8:1::1ff"));
    static final SlotRange6 PREFIXES = SlotRange6.prefixes(Ipv6Address.parse("2001:db8:8::"), 56, 64);

    @BeforeAll
    static void startMember() {
        hazelcast = EmbeddedCoordinator.start();
    }

    @AfterAll
    static void stopMember() {
        hazelcast.shutdown();
    }

    @BeforeEach
    void setUp() throws Exception {
        store = MemfileLeaseStore6.open(dir.resolve("leases6.csv"), 0);
        allocator = allocatorOn(coordinator(), store);
        subnetId = ++subnetCounter;
    }

    /** The coordinator cluster the allocator runs on; null: in this process (see {@link InProcessAllocator6Test}). */
    HazelcastInstance coordinator() {
        return hazelcast;
    }

    private PartitionedAllocator6 allocatorOn(HazelcastInstance coordinator, MemfileLeaseStore6 leases) {
        return coordinator == null ? PartitionedAllocator6.inProcess(leases, clock) : new PartitionedAllocator6(coordinator, leases, clock);
    }

    private static ClientIdentity6 client(int n, long iaid, LeaseType6 type) {
        return new ClientIdentity6(Octets.of(new byte[] {0, 3, 0, 1, 2, 0, 0x5e, 0, (byte) (n >> 8), (byte) n}), iaid, type);
    }

    private LeaseRequest6 request(ClientIdentity6 c, SlotRange6 pool, Ipv6Address... hints) {
        return new LeaseRequest6(subnetId, List.of(pool), c, List.of(hints), 3000, 4000, Octets.EMPTY, "");
    }

    @Test
    void assignsAddressesAndPrefixesAndWritesThem() throws Exception {
        Lease6 na = allocator.assign(request(client(1, 1, LeaseType6.NA), ADDRESSES)).get().orElseThrow();
        Lease6 pd = allocator.assign(request(client(1, 2, LeaseType6.PD), PREFIXES)).get().orElseThrow();
        assertTrue(ADDRESSES.contains(na.address(), 128));
        assertEquals(128, na.prefixLength());
        assertTrue(PREFIXES.contains(pd.address(), 64), pd.address().toText());
        assertEquals(64, pd.prefixLength());
        store.close();
        try (MemfileLeaseStore6 reopened = MemfileLeaseStore6.open(dir.resolve("leases6.csv"), 0)) {
            assertEquals(Set.of(na, pd), new HashSet<>(reopened.loadAll()));
        }
    }

    @Test
    void everyPrefixOfAFullPoolIsDelegatedOnceThenThePoolIsExhausted() {
        List<CompletableFuture<Optional<Lease6>>> all = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            all.add(allocator.assign(request(client(i, 1, LeaseType6.PD), PREFIXES)));
        }
        Set<Ipv6Address> prefixes = all.stream().map(f -> f.join().orElseThrow().address()).collect(Collectors.toSet());
        assertEquals(256, prefixes.size());
        assertEquals(Optional.empty(), allocator.assign(request(client(999, 1, LeaseType6.PD), PREFIXES)).join());
    }

    @Test
    void aReturningIaGetsItsLeaseBackAndHintsAreHonoured() throws Exception {
        Ipv6Address hint = Ipv6Address.parse("2001:db8:1::1ab");
        Lease6 first = allocator.assign(request(client(2, 7, LeaseType6.NA), ADDRESSES, hint)).get().orElseThrow();
        assertEquals(hint, first.address());
        Lease6 again = allocator.offer(request(client(2, 7, LeaseType6.NA), ADDRESSES)).get().orElseThrow();
        assertEquals(first.address(), again.address());
        Lease6 otherIa = allocator.offer(request(client(2, 8, LeaseType6.NA), ADDRESSES, hint)).get().orElseThrow();
        assertNotEquals(hint, otherIa.address(), "the hint is taken by another IA");
    }

    @Test
    void extendRenewsOnlyTheIasOwnLease() throws Exception {
        ClientIdentity6 owner = client(3, 1, LeaseType6.NA);
        Lease6 lease = allocator.assign(request(owner, ADDRESSES)).get().orElseThrow();
        clock.advance(100);
        Commit<Lease6> renewed = allocator.extend(request(owner, ADDRESSES), lease.address(), 128).get();
        assertEquals(Commit.Outcome.GRANTED, renewed.outcome());
        assertEquals(lease.cltt() + 100, renewed.lease().cltt());
        assertEquals(Commit.Outcome.NO_BINDING,
                allocator.extend(request(client(4, 1, LeaseType6.NA), ADDRESSES), lease.address(), 128).get().outcome());
        assertEquals(Commit.Outcome.NO_BINDING,
                allocator.extend(request(owner, ADDRESSES), Ipv6Address.parse("2001:db8:1::1fe"), 128).get().outcome());
    }

    @Test
    void releaseDeclineAndReclaim() throws Exception {
        ClientIdentity6 a = client(5, 1, LeaseType6.NA);
        Lease6 la = allocator.assign(request(a, ADDRESSES)).get().orElseThrow();
        assertFalse(allocator.release(subnetId, client(6, 1, LeaseType6.NA), la.address(), 128).get().isPresent());
        assertTrue(allocator.release(subnetId, a, la.address(), 128).get().isPresent());
        assertEquals(Optional.empty(), allocator.findLease(subnetId, a).get());

        ClientIdentity6 b = client(7, 1, LeaseType6.NA);
        Lease6 lb = allocator.assign(request(b, ADDRESSES)).get().orElseThrow();
        assertTrue(allocator.decline(subnetId, b, lb.address(), 600).get().isPresent());
        Lease6 declined = allocator.leaseAt(subnetId, LeaseType6.NA, lb.address(), 128).get().orElseThrow();
        assertEquals(LeaseState.DECLINED, declined.state());
        assertEquals(Lease6Kind.NOBODY, declined.duid());

        ClientIdentity6 c = client(8, 1, LeaseType6.PD);
        Lease6 lc = allocator.assign(request(c, PREFIXES)).get().orElseThrow();
        clock.advance(4001);
        List<Lease6> reclaimed = allocator.reclaimExpired(100, false, 3600).get();
        assertTrue(reclaimed.stream().anyMatch(l -> l.address().equals(lc.address()) && l.type() == LeaseType6.PD));
        assertTrue(reclaimed.stream().anyMatch(l -> l.address().equals(lb.address())), "the declined address is recovered");
        assertEquals(LeaseState.EXPIRED_RECLAIMED,
                allocator.leaseAt(subnetId, LeaseType6.PD, lc.address(), 64).get().orElseThrow().state());
    }

    @Test
    void aColdStartLoadsEveryLease() throws Exception {
        List<Lease6> granted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            granted.add(allocator.assign(request(client(100 + i, 1, LeaseType6.NA), ADDRESSES)).get().orElseThrow());
            granted.add(allocator.assign(request(client(100 + i, 2, LeaseType6.PD), PREFIXES)).get().orElseThrow());
        }
        store.close();
        HazelcastInstance fresh = coordinator() == null ? null : EmbeddedCoordinator.start();
        try (MemfileLeaseStore6 reopened = MemfileLeaseStore6.open(dir.resolve("leases6.csv"), 0)) {
            PartitionedAllocator6 restarted = allocatorOn(fresh, reopened);
            assertEquals(20, restarted.loadFrom(reopened));
            for (Lease6 l : granted) {
                ClientIdentity6 owner = new ClientIdentity6(l.duid(), l.iaid(), l.type());
                assertEquals(l.address(), restarted.findLease(subnetId, owner).get().orElseThrow().address());
            }
        } finally {
            if (fresh != null) {
                fresh.shutdown();
            }
        }
    }
}
